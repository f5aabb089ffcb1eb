package io.emp.telemetry.agent.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A status published on {@code job:{id}:status} is also kept as {@code job:{id}:latest-status} with an expiry. */
class LatestStatusTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @BeforeEach
    void reset() {
        REDIS.flushAll();
    }

    @Test
    void jobStatusIsKeptAsLatestWithItsExpiry() throws Exception {
        try (TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri());
             RedisEventEmitter emitter = TestSupport.emitter(REDIS.uri(), "status.latest.ttl", "120")) {
            emitter.publish("job:j-7:status", Map.of("progress", 10));
            emitter.publish("job:j-7:status", Map.of("progress", 90));
            emitter.publish("machine:m-1:gpu", Map.of("gpuTemp", 60));
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().statusPublished() == 3, () -> emitter.stats().toString());
            TestSupport.waitUntil(Duration.ofSeconds(5), () -> reader.connection.sync().get("job:j-7:latest-status") != null, () -> "no key");
            Map<?, ?> latest = new ObjectMapper().readValue(reader.connection.sync().get("job:j-7:latest-status"), Map.class);
            assertEquals(90, latest.get("progress"));
            assertEquals("emitter-test", latest.get("service"));
            long ttl = reader.connection.sync().ttl("job:j-7:latest-status");
            assertTrue(ttl > 100 && ttl <= 120, "ttl " + ttl);
            assertEquals(0L, reader.connection.sync().exists("machine:m-1:latest-status"));
        }
    }

    @Test
    void zeroTtlWritesNoKey() {
        try (TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri());
             RedisEventEmitter emitter = TestSupport.emitter(REDIS.uri(), "status.latest.ttl", "0")) {
            emitter.publish("job:j-8:status", Map.of("progress", 10));
            emitter.emit(WrongPasswordTest.event(1)); // written after the publish: once it is in, the SET would be too
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().eventsWritten() == 1, () -> emitter.stats().toString());
            assertNull(reader.connection.sync().get("job:j-8:latest-status"));
        }
    }

    @Test
    void latestStatusKeyNames() {
        assertEquals("job:42:latest-status", Encoder.latestStatusKey("job:42:status"));
        assertEquals("job:a:b:latest-status", Encoder.latestStatusKey("job:a:b:status"));
        assertNull(Encoder.latestStatusKey("job::status"));
        assertNull(Encoder.latestStatusKey("machine:m-1:gpu"));
        assertNull(Encoder.latestStatusKey("jobs:1:status"));
    }
}
