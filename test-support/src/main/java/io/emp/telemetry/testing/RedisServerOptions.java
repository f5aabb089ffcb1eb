package io.emp.telemetry.testing;

/** Options for the Redis a test class gets. */
public final class RedisServerOptions {
    private final String password;

    private RedisServerOptions(String password) {
        this.password = password;
    }

    public static RedisServerOptions defaults() {
        return new RedisServerOptions(null);
    }

    public RedisServerOptions password(String password) {
        return new RedisServerOptions(password);
    }

    public String password() {
        return password;
    }
}
