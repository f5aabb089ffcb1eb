package io.emp.telemetry.testing;

import java.net.URI;
import java.time.Duration;

/** A server named by {@code REDIS_URL}: shared with whoever set it, so it is flushed and cannot be restarted. */
final class ExternalRedis extends RedisBackend {
    private final URI url;

    ExternalRedis(String url) {
        this.url = URI.create(url);
    }

    @Override
    void start() {
        if (port() == 6379 && !"true".equals(System.getenv("EMP_TEST_ALLOW_6379"))) {
            throw new IllegalStateException("REDIS_URL points at port 6379; tests never use the standard port "
                    + "(set EMP_TEST_ALLOW_6379=true if that server really is disposable)");
        }
        flush();
    }

    @Override
    String host() {
        return url.getHost();
    }

    @Override
    int port() {
        return url.getPort() < 0 ? 6379 : url.getPort();
    }

    @Override
    String kind() {
        return "url";
    }

    @Override
    String password() {
        String info = url.getUserInfo();
        if (info == null) return null;
        int colon = info.indexOf(':');
        return colon < 0 ? info : info.substring(colon + 1);
    }

    @Override
    boolean canRestart() {
        return false;
    }

    @Override
    void stopServer() {
        throw new UnsupportedOperationException("cannot stop the external Redis named by REDIS_URL");
    }

    @Override
    void startServer(Duration timeout) {
        throw new UnsupportedOperationException("cannot start the external Redis named by REDIS_URL");
    }

    @Override
    public void close() {
    }
}
