package io.emp.telemetry.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsAndPerfTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String EVENTS = StreamDefaults.EVENTS_STREAM;
    private static final String ERRORS = StreamDefaults.ERRORS_STREAM;

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
    }

    private static TelemetryEvent error(String service, String type, String message, String job) {
        return TestEvents.event("connector.processing_failed", service).jobId(job).errorType(type).errorMessage(message).build();
    }

    @Test
    void errorsAreCountedByTypeAndServiceWithTopMessagesInTheWindow() throws Exception {
        // Two hours old: outside the default window of one hour.
        long twoHoursAgo = System.currentTimeMillis() - 7_200_000;
        redis.xadd(ERRORS, new XAddArgs().id(twoHoursAgo + "-0"), EventCodec.encode(error("worker",
                "java.lang.OutOfMemoryError", "old", "job-old").toBuilder().timestamp(twoHoursAgo).build()));
        TestEvents.xadd(redis, ERRORS, error("worker", "io.x.UpstreamException", "HTTP 503", "job-1"));
        TestEvents.xadd(redis, ERRORS, error("worker", "io.x.UpstreamException", "HTTP 503", "job-2"));
        TestEvents.xadd(redis, ERRORS, error("worker", "io.x.UpstreamException", "timeout", "job-3"));
        TestEvents.xadd(redis, ERRORS, error("api-server", "java.lang.IllegalArgumentException", "bad payload", null));

        CliRun r = CliRun.of("errors", "--redis", REDIS.uri());

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("4 error(s) in emp:errors (last 1h)"), r::toString);
        List<String> lines = r.out().lines().toList();
        String worker = lines.stream().filter(l -> l.contains("io.x.UpstreamException") && l.contains("worker")).findFirst().orElseThrow();
        assertTrue(worker.trim().startsWith("3  worker") && worker.contains("(last job job-3)"), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("1  api-server") && l.contains("java.lang.IllegalArgumentException")), r::toString);
        assertTrue(r.out().contains("    2  io.x.UpstreamException: HTTP <n>"), r::toString);
        assertFalse(r.out().contains("OutOfMemoryError"), r::toString);

        CliRun all = CliRun.of("errors", "--since", "3h", "--service", "worker", "--json", "--redis", REDIS.uri());
        JsonNode json = new ObjectMapper().readTree(all.out());
        assertEquals(4, json.get("total").asLong(), all::toString);
        assertEquals("io.x.UpstreamException", json.get("groups").get(0).get("errorType").asText());

        REDIS.flushAll();
        CliRun none = CliRun.of("errors", "--redis", REDIS.uri());
        assertEquals(1, none.exit(), none::toString);
    }

    @Test
    void perfGivesPercentilesAndSlowestJobsPerEventType() throws Exception {
        for (int i = 1; i <= 100; i++) {
            TestEvents.xadd(redis, EVENTS, TestEvents.event("connector.processing_completed", "worker").jobId("job-" + i)
                    .attribute(Attributes.DURATION_MS, (double) i).build());
        }
        TestEvents.xadd(redis, EVENTS, TestEvents.event("job.claimed", "worker").jobId("job-x").build());
        TestEvents.xadd(redis, ERRORS, TestEvents.event("connector.processing_failed", "worker").jobId("job-f")
                .attribute(Attributes.DURATION_MS, 7.5).errorType("E").errorMessage("m").build());

        CliRun r = CliRun.of("perf", "--redis", REDIS.uri());

        assertEquals(0, r.exit(), r::toString);
        String row = r.out().lines().filter(l -> l.contains("connector.processing_completed")).findFirst().orElseThrow();
        assertEquals(List.of("connector.processing_completed", "100", "50ms", "95ms", "99ms", "100ms"),
                List.of(row.trim().split("\\s+")).subList(0, 6), r::toString);
        assertTrue(row.endsWith("100ms job-100, 99ms job-99, 98ms job-98"), r::toString);
        assertTrue(r.out().contains("connector.processing_failed"), "durations from the errors stream count too: " + r);
        assertFalse(r.out().contains("job.claimed"), r::toString);

        CliRun json = CliRun.of("perf", "--type", "processing_completed", "--json", "--slowest", "1", "--redis", REDIS.uri());
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertEquals(1, rows.size(), json::toString);
        assertEquals(95.0, rows.get(0).get("p95").asDouble());
        assertEquals("job-100", rows.get(0).get("slowest").get(0).get("jobId").asText());
    }
}
