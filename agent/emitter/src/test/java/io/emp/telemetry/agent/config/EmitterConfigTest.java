package io.emp.telemetry.agent.config;

import io.emp.telemetry.agent.log.AgentLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmitterConfigTest {
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void capture() {
        AgentLog.setSink(log::add);
    }

    @AfterEach
    void restore() {
        AgentLog.setSink(null);
    }

    private static Settings settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Settings.of(m);
    }

    @Test
    void defaultsMatchTheDocumentedTable() {
        EmitterConfig c = EmitterConfig.from(settings("service.name", "svc"));
        assertEquals("redis://127.0.0.1:6379", c.redisUrl());
        assertEquals("emp:events", c.eventsStream());
        assertEquals("emp:errors", c.errorsStream());
        assertEquals(10_000, c.eventsMaxlen());
        assertEquals(50_000, c.errorsMaxlen());
        assertEquals(Duration.ofHours(24), c.eventsRetention());
        assertEquals(Duration.ofDays(7), c.errorsRetention());
        assertEquals(8192, c.queueCapacity());
        assertEquals(256, c.batchSize());
        assertEquals(Duration.ofSeconds(2), c.shutdownTimeout());
        assertEquals(Duration.ofMillis(100), c.backoffMin());
        assertEquals(Duration.ofSeconds(30), c.backoffMax());
        assertEquals(Duration.ofSeconds(5), c.redisTimeout());
        assertEquals(Duration.ofSeconds(10), c.trimInterval());
        assertNull(c.tlsCaFile());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void valuesAreParsed() {
        EmitterConfig c = EmitterConfig.from(settings("redis.url", "rediss://emp:pw@redis.example:6380/2",
                "events.stream", "x:events", "events.maxlen", "1000", "events.retention", "90m",
                "errors.retention", "500ms", "queue.capacity", "100", "batch.size", "10", "shutdown.timeout", "1500"));
        assertEquals("rediss://emp:pw@redis.example:6380/2", c.redisUrl());
        assertEquals("rediss://emp:****@redis.example:6380/2 (-Demp.redis.url)", c.redisUrlForLog());
        assertEquals("x:events", c.eventsStream());
        assertEquals(1000, c.eventsMaxlen());
        assertEquals(Duration.ofMinutes(90), c.eventsRetention());
        assertEquals(Duration.ofMillis(500), c.errorsRetention());
        assertEquals(100, c.queueCapacity());
        assertEquals(10, c.batchSize());
        assertEquals(Duration.ofMillis(1500), c.shutdownTimeout());
        assertFalse(c.toString().contains(":pw@"), c.toString());
    }

    @Test
    void badValuesAreLoggedWithKeyAndSourceAndTheDefaultIsUsed() {
        EmitterConfig c = EmitterConfig.from(settings("queue.capacity", "lots", "events.retention", "-5s",
                "batch.size", "0", "redis.url", "http://:secret@nowhere", "reconnect.backoff.min", "5s",
                "reconnect.backoff.max", "1s", "redis.tls.ca", "/does/not/exist.pem"));
        assertEquals(8192, c.queueCapacity());
        assertEquals(Duration.ofHours(24), c.eventsRetention());
        assertEquals(256, c.batchSize());
        assertEquals(EmitterConfig.DEFAULT_REDIS_URL, c.redisUrl());
        assertEquals(Duration.ofSeconds(5), c.backoffMax());
        assertNull(c.tlsCaFile());
        assertEquals(6, log.size(), log.toString());
        assertTrue(log.contains("[emp-telemetry] WARN invalid value 'lots' for queue.capacity (from -Demp.queue.capacity): "
                + "expected a whole number from 1 to 10000000; using the default 8192"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("events.retention") && l.contains("using the default 24h")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("redis.url") && l.contains("http://:****@nowhere")), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("secret")), "password logged: " + log);
    }

    @Test
    void durationsAcceptUnitsAndPlainMillis() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofHours(24), Durations.parse("24h"));
        assertEquals(Duration.ofDays(7), Durations.parse(" 7d "));
        assertEquals(Duration.ofMillis(250), Durations.parse("250"));
        assertNull(Durations.parse("7 days"));
        assertNull(Durations.parse("-1"));
        assertNull(Durations.parse(""));
        assertEquals("7d", Durations.format(Duration.ofDays(7)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    }

    @Test
    void serviceNameFallsBackToOtelThenMainClass() {
        assertEquals("emp-svc", ServiceName.resolve(settings("service.name", "emp-svc"), java.util.Map.of()));
        assertEquals("com.acme.Worker", ServiceName.fromCommand("com.acme.Worker --port 1"));
        assertEquals("api-server", ServiceName.fromCommand("/opt/app/api-server.jar"));
        assertNull(ServiceName.fromCommand(" "));
        // Without EMP_SERVICE_NAME / OTEL_SERVICE_NAME this JVM's main class (surefire's booter) is used.
        String fallback = ServiceName.resolve(settings(), java.util.Map.of());
        assertFalse(fallback.isEmpty());
    }
}
