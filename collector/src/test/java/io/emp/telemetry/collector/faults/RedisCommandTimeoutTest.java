package io.emp.telemetry.collector.faults;

import io.emp.telemetry.collector.RedisConnections;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector's commands time out on a Redis that stops answering, and the connection serves again once
 * Redis does. Lettuce's per-command timeout tasks are off (they held every reply for a timer tick, which made
 * a draining collector's replies outlive young collections: see docs/collector.md, "The hot path"); the
 * synchronous API's own deadline is what bounds a command.
 */
class RedisCommandTimeoutTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void aCommandOnAPausedRedisTimesOutAndTheConnectionServesAgainAfter() throws Exception {
        try (RedisConnections connections = new RedisConnections(REDIS.uri(), Duration.ofMillis(500));
             RedisClient admin = RedisClient.create(REDIS.uri());
             StatefulRedisConnection<String, String> adminConnection = admin.connect()) {
            RedisCommands<String, String> redis = connections.connect();
            assertEquals("PONG", redis.ping());

            adminConnection.sync().clientPause(2_000);
            long t0 = System.nanoTime();
            assertThrows(RedisCommandTimeoutException.class, () -> redis.set("k", "v"));
            long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertTrue(waited >= 400 && waited < 1_900, "timed out after " + waited + " ms");

            Thread.sleep(2_000); // the pause is over: the late reply is discarded, the next command is answered
            assertEquals("PONG", redis.ping());
            redis.set("k2", "v2");
            assertEquals("v2", redis.get("k2"));
        }
    }
}
