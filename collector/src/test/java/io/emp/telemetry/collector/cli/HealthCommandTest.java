package io.emp.telemetry.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.health.Heartbeat;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthCommandTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.uri());
        conn = client.connect();
        redis = conn.sync();
    }

    @AfterAll
    static void close() {
        conn.close();
        client.shutdown();
    }

    @BeforeEach
    void clean() {
        REDIS.flushAll();
        TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.created", "api-server").build());
        TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.completed", "worker").build());
        TestEvents.xadd(redis, StreamDefaults.ERRORS_STREAM, TestEvents.event("api.error", "api-server")
                .errorType("java.lang.IllegalArgumentException").errorMessage("bad").build());
    }

    /** The collector's own heartbeat writer, as a running collector calls it. */
    private static void heartbeat(String consumer) {
        new Heartbeat(redis, consumer, Duration.ofSeconds(30), new CollectorStats(), "emp:events,emp:errors", "file", 9465).run();
    }

    @Test
    void unhealthyWithoutACollector() {
        CliRun r = CliRun.of("health", "--redis", REDIS.uri());

        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("emp:events     length 2"), r::toString);
        assertTrue(r.out().contains("emp:errors     length 1"), r::toString);
        assertTrue(r.out().contains("Status: UNHEALTHY"), r::toString);
        assertTrue(r.out().contains("no collector alive (no emp:collectors:* heartbeat key)"), r::toString);
        assertTrue(r.out().contains("api-server           last event"), r::toString);
        assertTrue(r.out().contains("worker               last event"), r::toString);
    }

    @Test
    void healthyWithALiveCollectorThatKeepsUpAndUnhealthyWhenItLags() throws Exception {
        redis.xgroupCreate(XReadArgs.StreamOffset.from(StreamDefaults.EVENTS_STREAM, "$"), StreamDefaults.EVENTS_GROUP);
        redis.xgroupCreate(XReadArgs.StreamOffset.from(StreamDefaults.ERRORS_STREAM, "$"), StreamDefaults.ERRORS_GROUP);
        heartbeat("collector-test-1");

        CliRun ok = CliRun.of("health", "--redis", REDIS.uri());
        assertEquals(0, ok.exit(), ok::toString);
        assertTrue(ok.out().contains("collector-test-1  pid " + ProcessHandle.current().pid()), ok::toString);
        assertTrue(ok.out().contains("group telemetry-collectors   consumers 0  pending 0  lag 0"), ok::toString);
        assertTrue(ok.out().contains("Status: OK"), ok::toString);

        for (int i = 0; i < 5; i++) TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.claimed", "worker").build());
        CliRun lagging = CliRun.of("health", "--redis", REDIS.uri(), "--max-lag", "3", "--json");
        assertEquals(1, lagging.exit(), lagging::toString);
        JsonNode json = new ObjectMapper().readTree(lagging.out());
        assertEquals("unhealthy", json.get("status").asText());
        assertTrue(json.get("problems").get(0).asText().startsWith("group telemetry-collectors on emp:events lags 5 entries (limit 3)"),
                lagging::toString);
        assertEquals("collector-test-1", json.get("collectors").get(0).get("consumer").asText());
    }
}
