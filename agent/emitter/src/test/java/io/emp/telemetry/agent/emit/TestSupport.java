package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.Settings;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers: emitters built from settings, a reader connection, deadline-based waits. */
final class TestSupport {
    private TestSupport() {
    }

    /** Settings with fast reconnects (tests must not wait for the production backoff). */
    static Settings settings(String redisUrl, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("redis.url", redisUrl);
        m.put("service.name", "emitter-test");
        m.put("reconnect.backoff.min", "20ms");
        m.put("reconnect.backoff.max", "200ms");
        m.put("redis.timeout", "2s");
        // Tests that bound the queue do it by count (queue.capacity); QueueMemoryBoundTest sets the byte bound.
        m.put("queue.max.bytes", Long.toString(1L << 30));
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return Settings.of(m);
    }

    static RedisEventEmitter emitter(String redisUrl, String... keyValues) {
        return new RedisEventEmitter(EmitterConfig.from(settings(redisUrl, keyValues)));
    }

    /** A plain reader connection to the test server; close the client afterwards. */
    static final class Reader implements AutoCloseable {
        final RedisClient client;
        final StatefulRedisConnection<String, String> connection;

        Reader(String uri) {
            client = RedisClient.create(uri);
            connection = client.connect();
        }

        List<StreamMessage<String, String>> xrange(String stream) {
            return connection.sync().xrange(stream, Range.create("-", "+"));
        }

        long xlen(String stream) {
            return connection.sync().xlen(stream);
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    static void waitUntil(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout + ": " + whatFailed.get());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
