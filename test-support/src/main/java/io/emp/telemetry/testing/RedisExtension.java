package io.emp.telemetry.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * Gives a test class its own real Redis 7:
 * <ol>
 *   <li>{@code REDIS_URL} when set (a disposable server: the extension flushes its database);</li>
 *   <li>else a Testcontainers {@code redis:7} container when a Docker engine answers;</li>
 *   <li>else a {@code redis-server} spawned on a free loopback port in a temp dir, killed afterwards.</li>
 * </ol>
 * {@code EMP_TEST_REDIS=spawn|docker|url} forces one of them. Never uses port 6379.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisExtension REDIS = new RedisExtension();
 * ... REDIS.uri() ... REDIS.stop(); REDIS.start();
 * }</pre>
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {
    private final RedisServerOptions options;
    private RedisBackend backend;

    public RedisExtension() {
        this(RedisServerOptions.defaults());
    }

    public RedisExtension(RedisServerOptions options) {
        this.options = options;
    }

    /** A server that requires this password (for the default user). */
    public static RedisExtension withPassword(String password) {
        return new RedisExtension(RedisServerOptions.defaults().password(password));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        backend = RedisBackend.choose(options);
        backend.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (backend != null) backend.close();
    }

    /** {@code redis://[:password@]127.0.0.1:port} (without the password when none is set). */
    public String uri() {
        return backend.uri();
    }

    /** URI including the configured password, if any. */
    public String uriWithPassword() {
        String pw = options.password();
        if (pw == null) return uri();
        return uri().replaceFirst("redis://", "redis://:" + pw + "@");
    }

    public String host() {
        return backend.host();
    }

    public int port() {
        return backend.port();
    }

    /** Kind of server in use: {@code url}, {@code docker} or {@code spawn}. */
    public String kind() {
        return backend.kind();
    }

    /** Whether {@link #stop()}/{@link #start()} are supported (not for an external {@code REDIS_URL}). */
    public boolean canRestart() {
        return backend.canRestart();
    }

    /** Stops the server (connections are refused) until {@link #start()}; data is not kept. */
    public void stop() {
        backend.stopServer();
    }

    /** Starts the server again on the same port and waits until it answers PING. */
    public void start() {
        backend.startServer(Duration.ofSeconds(20));
    }

    /** Deletes all keys (and loaded functions) of this server. */
    public void flushAll() {
        backend.flush();
    }
}
