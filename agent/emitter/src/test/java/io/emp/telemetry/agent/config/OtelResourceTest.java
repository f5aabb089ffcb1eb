package io.emp.telemetry.agent.config;

import io.emp.telemetry.agent.log.AgentLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES read as the OpenTelemetry SDK reads them, with EMP keys winning. */
class OtelResourceTest {
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void capture() {
        AgentLog.setSink(log::add);
    }

    @AfterEach
    void restore() {
        AgentLog.setSink(null);
    }

    private static EmitterConfig config(Map<String, String> env, Map<String, String> props) {
        return EmitterConfig.from(Settings.of(env, props, null));
    }

    @Test
    void serviceNamePrecedence() {
        Map<String, String> attrs = Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs");
        assertEquals("from-attrs", config(attrs, Map.of()).serviceName());
        assertEquals("from-otel", config(Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs", "OTEL_SERVICE_NAME", "from-otel"),
                Map.of()).serviceName());
        assertEquals("from-emp", config(Map.of("OTEL_SERVICE_NAME", "from-otel", "EMP_SERVICE_NAME", "from-emp"), Map.of()).serviceName());
        // As in the OpenTelemetry SDK, the system property wins over its environment variable.
        assertEquals("from-property", config(Map.of("OTEL_SERVICE_NAME", "from-env"), Map.of("otel.service.name", "from-property"))
                .serviceName());
        // The resource's service.name is the resolved one, whatever OTEL_RESOURCE_ATTRIBUTES says.
        assertEquals("from-emp", config(Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs", "EMP_SERVICE_NAME", "from-emp"),
                Map.of()).resource().attributes().get("service.name"));
    }

    @Test
    void attributesArePercentDecodedAndOverrideDetectedFacts() {
        EmitterConfig c = config(Map.of("OTEL_RESOURCE_ATTRIBUTES",
                " service.version = 2.0.1 ,deployment.environment.name=eu%2Cstaging,team=a+b,note=caf%C3%A9,host.name=override"), Map.of());
        Map<String, Object> r = c.resource().attributes();
        assertEquals("2.0.1", r.get("service.version"));
        assertEquals("eu,staging", r.get("deployment.environment.name"));
        assertEquals("a+b", r.get("team"));
        assertEquals("café", r.get("note"));
        assertEquals("override", r.get("host.name"));
        assertEquals(ProcessHandle.current().pid(), r.get("process.pid"));
        assertEquals("emp-telemetry", r.get("telemetry.distro.name"));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void instanceIdIsAUuidUnlessGiven() {
        String id = config(Map.of(), Map.of()).instanceId();
        assertEquals(id, UUID.fromString(id).toString());
        assertEquals(4, UUID.fromString(id).version(), "a random (version 4) UUID");
        assertEquals(2, UUID.fromString(id).variant(), "IETF variant");
        assertNotEquals(id, config(Map.of(), Map.of()).instanceId(), "each process start gets its own");
        assertEquals("pod-7", config(Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=pod-7"), Map.of()).instanceId());
    }

    @Test
    void malformedEntriesAreLoggedAndSkipped() {
        EmitterConfig c = config(Map.of("OTEL_RESOURCE_ATTRIBUTES", "good=1,novalue,bad=%zz,=x"), Map.of());
        assertEquals("1", c.resource().attributes().get("good"));
        assertNull(c.resource().attributes().get("bad"));
        assertEquals(3, log.size(), log.toString());
        assertTrue(log.get(0).contains("OTEL_RESOURCE_ATTRIBUTES"), log.get(0));
    }

    @Test
    void latestStatusTtlIsSecondsByDefault() {
        assertEquals(Duration.ofSeconds(300), config(Map.of(), Map.of()).statusLatestTtl());
        assertEquals(Duration.ofSeconds(60), config(Map.of("EMP_STATUS_LATEST_TTL", "60"), Map.of()).statusLatestTtl());
        assertEquals(Duration.ofMinutes(5), config(Map.of("EMP_STATUS_LATEST_TTL", "5m"), Map.of()).statusLatestTtl());
        assertEquals(Duration.ZERO, config(Map.of("EMP_STATUS_LATEST_TTL", "0"), Map.of()).statusLatestTtl());
    }

    @Test
    void redisUrlForms() {
        RedisEndpoint e = RedisEndpoint.parse("rediss://writer:p%40ss@redis.internal:6380/2");
        assertEquals("redis.internal", e.host());
        assertEquals(6380, e.port());
        assertEquals("writer", e.user());
        assertEquals("p@ss", e.password());
        assertEquals(2, e.database());
        assertTrue(e.tls());
        assertNull(RedisEndpoint.parse("redis://:secret@h").user());
        assertEquals("secret", RedisEndpoint.parse("redis://:secret@h").password());
        assertEquals("secret", RedisEndpoint.parse("redis://secret@h").password());
        assertEquals(6379, RedisEndpoint.parse("redis://h").port());
    }
}
