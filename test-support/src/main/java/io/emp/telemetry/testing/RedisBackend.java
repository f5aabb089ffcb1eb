package io.emp.telemetry.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;

/** One way of providing a Redis server to a test class. */
abstract class RedisBackend implements AutoCloseable {

    static RedisBackend choose(RedisServerOptions options) {
        String forced = System.getenv("EMP_TEST_REDIS");
        String url = System.getenv("REDIS_URL");
        if ("url".equals(forced) || (forced == null && url != null && !url.isEmpty())) {
            if (url == null || url.isEmpty()) throw new IllegalStateException("EMP_TEST_REDIS=url but REDIS_URL is not set");
            return new ExternalRedis(url);
        }
        if ("docker".equals(forced) || (forced == null && !"spawn".equals(forced) && DockerProbe.available())) {
            return new ContainerRedis(options);
        }
        return new SpawnedRedis(options);
    }

    abstract void start() throws Exception;

    abstract String host();

    abstract int port();

    abstract String kind();

    abstract String password();

    String uri() {
        return "redis://" + host() + ":" + port();
    }

    boolean canRestart() {
        return true;
    }

    abstract void stopServer();

    abstract void startServer(Duration timeout);

    void flush() {
        RedisURI uri = RedisURI.create(uri());
        if (password() != null) uri.setPassword(password().toCharArray());
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
            c.sync().functionFlush(io.lettuce.core.FlushMode.SYNC);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Waits until the server answers PING; used after start and restart. */
    void awaitPing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(host(), port()), 500);
                s.setSoTimeout(1000);
                String auth = password() == null ? "" : "AUTH " + password() + "\r\n";
                s.getOutputStream().write((auth + "PING\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] buf = new byte[64];
                int n = s.getInputStream().read(buf);
                String reply = n > 0 ? new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII) : "";
                if (reply.contains("PONG")) return;
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Redis at " + host() + ":" + port() + " did not answer PING within " + timeout, last);
    }

    @Override
    public abstract void close();
}
