package io.emp.telemetry.agent.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The process's OpenTelemetry resource is written as {@code emp:resource:{instance}} (with expiry) on
 * connect and again after Redis comes back empty; every entry carries the {@code instance} field.
 */
class ResourceKeyTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void resourceKeyOnEveryConnectAndInstanceOnEveryEntry() throws Exception {
        REDIS.flushAll();
        Settings settings = Settings.of(
                Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=billing,service.version=1.4.2,deployment.environment.name=eu%2Cstaging"),
                Map.of("emp.redis.url", REDIS.uri(), "emp.reconnect.backoff.min", "20ms", "emp.reconnect.backoff.max", "200ms"),
                null);
        EmitterConfig config = EmitterConfig.from(settings);
        String key = StreamDefaults.RESOURCE_KEY.replace("{instance}", config.instanceId());
        try (TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri()); RedisEventEmitter emitter = new RedisEventEmitter(config)) {
            emitter.emit(WrongPasswordTest.event(1));
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().eventsWritten() == 1, () -> emitter.stats().toString());
            Map<?, ?> resource = new ObjectMapper().readValue(reader.connection.sync().get(key), Map.class);
            assertEquals("billing", resource.get("service.name"));
            assertEquals("1.4.2", resource.get("service.version"));
            assertEquals("eu,staging", resource.get("deployment.environment.name"));
            assertEquals(config.instanceId(), resource.get("service.instance.id"));
            assertEquals("emp-telemetry", resource.get("telemetry.distro.name"));
            assertEquals(ProcessHandle.current().pid(), ((Number) resource.get("process.pid")).longValue());
            assertNotNull(resource.get("host.name"));
            assertNotNull(resource.get("os.type"));
            long ttl = reader.connection.sync().ttl(key);
            assertTrue(ttl > StreamDefaults.RESOURCE_TTL_SECONDS - 60 && ttl <= StreamDefaults.RESOURCE_TTL_SECONDS, "ttl " + ttl);
            assertEquals(config.instanceId(), reader.xrange(StreamDefaults.EVENTS_STREAM).get(0).getBody().get(EventFields.INSTANCE));

            assumeTrue(REDIS.canRestart(), "needs a restartable Redis");
            REDIS.stop();
            REDIS.start(); // empty again
            emitter.emit(WrongPasswordTest.event(2));
            TestSupport.waitUntil(Duration.ofSeconds(15), () -> emitter.stats().connects() >= 2 && emitter.stats().eventsWritten() >= 2,
                    () -> emitter.stats().toString());
            try (TestSupport.Reader again = new TestSupport.Reader(REDIS.uri())) {
                TestSupport.waitUntil(Duration.ofSeconds(5), () -> again.connection.sync().exists(key) == 1, () -> "resource key not rewritten");
            }
        }
    }
}
