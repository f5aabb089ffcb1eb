package io.emp.telemetry.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
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

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineCommandTest {
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

    private static TelemetryEvent.Builder jobEvent(String jobId, String type, String service, long ts) {
        return TelemetryEvent.builder(type).timestamp(ts).service(service).jobId(jobId)
                .traceId(JobTrace.traceId(jobId)).spanId(TestEvents.hex(16)).parentSpanId(JobTrace.rootSpanId(jobId));
    }

    private static void add(String stream, TelemetryEvent e) {
        TestEvents.xadd(redis, stream, e);
    }

    @Test
    void mergesBothStreamsInTimeOrderWithOutcomeErrorsAndGaps() {
        String job = "job-fail-1";
        long t0 = System.currentTimeMillis() - 5000;
        // Written out of time order, errors first: the timeline must sort by event time across streams.
        add(ERRORS, jobEvent(job, "connector.processing_failed", "worker", t0 + 2500).workerId("worker-1")
                .errorType("java.lang.IllegalStateException").errorMessage("CUDA out of memory").errorStack("at x")
                .attribute(Attributes.DURATION_MS, 2300).build());
        add(EVENTS, jobEvent(job, "job.created", "api-server", t0).attribute("job.type", "image-gen").build());
        add(EVENTS, jobEvent(job, "job.claimed", "worker", t0 + 100).workerId("worker-1").build());
        add(EVENTS, jobEvent("job-other", "job.claimed", "worker", t0 + 150).build());
        add(EVENTS, TelemetryEvent.builder("redis_function.completed").timestamp(t0 + 120).service("worker")
                .traceId(JobTrace.traceId(job)).spanId(TestEvents.hex(16)).attribute("function", "claim_job").build());
        add(EVENTS, jobEvent(job, "connector.processing_started", "worker", t0 + 200).build());
        add(EVENTS, jobEvent(job, "job.failed", "worker", t0 + 2600).attribute("reason", "connector failed").build());

        CliRun r = CliRun.of("timeline", job, "--redis", REDIS.uri());

        assertEquals(0, r.exit(), r::toString);
        String out = r.out();
        assertTrue(out.contains("Job " + job), out);
        assertTrue(out.contains("trace     " + JobTrace.traceId(job)), out);
        assertFalse(out.contains("warning"), out);
        assertTrue(out.contains("services  api-server → worker"), out);
        assertTrue(out.contains("events    6 (5 in emp:events, 1 in emp:errors)"), out);
        assertTrue(out.contains("duration  2.60s"), out);
        assertTrue(out.contains("outcome   FAILED (job.failed at +2600ms: reason=connector failed)"), out);
        assertFalse(out.contains("job-other"), out);
        assertFalse(out.contains("\u001b["), "no ANSI colour when stdout is not a terminal");

        List<String> rows = rows(out);
        assertEquals(List.of("job.created", "job.claimed", "redis_function.completed", "connector.processing_started",
                "connector.processing_failed", "job.failed"), rows.stream().map(TimelineCommandTest::eventType).toList(), out);
        String errorRow = rows.get(4);
        assertTrue(errorRow.startsWith("! "), errorRow);
        // Placed where the connector call started (its end minus its duration), not where it ended.
        assertTrue(errorRow.contains("+200"), errorRow);
        assertTrue(errorRow.contains("2.30s"), errorRow);
        assertTrue(errorRow.contains("java.lang.IllegalStateException: CUDA out of memory"), errorRow);
        assertTrue(rows.get(0).contains("job.type=image-gen"), rows.get(0));

        // The 2.3 s connector call was running: no idle gap.
        assertTrue(out.contains("No gaps longer than 1000ms."), out);
        assertTrue(errorRow.contains("[  ===="), "a bar from +200 for 2300 of 2600 ms: " + errorRow);
    }

    @Test
    void completedJobAndGapThresholdOption() {
        TestEvents.Job job = new TestEvents.Job();
        for (TelemetryEvent e : job.events) add(EVENTS, e);

        CliRun plain = CliRun.of("timeline", job.jobId, "--redis", REDIS.uri());
        assertEquals(0, plain.exit(), plain::toString);
        // The HTTP request that created the job has its own trace, linked from job.created: shown and marked.
        List<String> rows = rows(plain.out());
        // Start-time order: the request (15 ms, ended at +15) began before the job.created it produced.
        assertEquals(List.of("http.request_completed", "job.created", "job.claimed", "connector.processing_completed", "job.completed"),
                rows.stream().map(TimelineCommandTest::eventType).toList(), plain::toString);
        assertTrue(rows.get(0).contains("+0") && rows.get(0).contains("[request] http.request.method=POST"), plain::toString);
        assertTrue(rows.get(3).contains("+150") && rows.get(3).contains("250.5ms"), plain::toString);
        assertTrue(plain.out().contains("request   trace " + job.requestTraceId), plain::toString);
        assertFalse(plain.out().contains("warning"), plain::toString);
        assertTrue(plain.out().contains("outcome   completed (job.completed at +450ms)"), plain::toString);
        assertTrue(plain.out().contains("No gaps longer than 1000ms."), plain::toString);

        CliRun tight = CliRun.of("timeline", job.jobId, "--redis", REDIS.uri(), "--gap-ms", "60");
        assertTrue(tight.out().contains("1 gap(s) longer than 60ms:"), tight::toString);
        assertTrue(tight.out().contains("85ms between the end of api-server http.request_completed (+15ms) and +100ms worker job.claimed"),
                tight::toString);
    }

    @Test
    void runningJobAndForeignTraceIdsAreReported() {
        String job = "job-running";
        long t0 = System.currentTimeMillis() - 3000;
        add(EVENTS, jobEvent(job, "job.created", "api-server", t0).build());
        String stray = TestEvents.hex(32);
        add(EVENTS, jobEvent(job, "job.claimed", "worker", t0 + 10).traceId(stray).build());

        CliRun r = CliRun.of("timeline", job, "--redis", REDIS.uri());

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("outcome   still running (no job.completed or job.failed yet; last event job.claimed"), r::toString);
        assertTrue(r.out().contains("warning: 1 event(s) carry trace " + stray + ", not the job's trace"), r::toString);
    }

    @Test
    void unknownJobExitsOneWithAMessage() {
        add(EVENTS, jobEvent("job-a", "job.created", "api-server", System.currentTimeMillis()).build());

        CliRun r = CliRun.of("timeline", "job-nope", "--redis", REDIS.uri());

        assertEquals(1, r.exit(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("no events for job 'job-nope' in emp:events or emp:errors"), r::toString);
    }

    @Test
    void unreachableRedisExitsTwoWithOneCleanLineWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.of("timeline", "job-1", "--redis", "redis://:s3cret-pw@127.0.0.1:" + port);

        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r::toString);
        assertTrue(r.err().startsWith("timeline: cannot connect to Redis at redis://127.0.0.1:" + port), r::toString);
        assertFalse(r.err().contains("s3cret-pw"), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    @Test
    void timeBoundsPagingAndScanLimit() {
        String job = "job-paged";
        // An old entry (explicit id from 1970) of the same job: outside --last, inside an unbounded scan.
        redis.xadd(EVENTS, new XAddArgs().id("1000-0"), EventCodec.encode(jobEvent(job, "job.created", "api-server", 1000).build()));
        List<TelemetryEvent> noise = new ArrayList<>();
        for (int i = 0; i < 2500; i++) noise.add(jobEvent("noise-" + i, "job.claimed", "worker", System.currentTimeMillis()).build());
        for (TelemetryEvent e : noise) add(EVENTS, e);
        add(EVENTS, jobEvent(job, "job.completed", "worker", System.currentTimeMillis()).build());

        CliRun all = CliRun.of("timeline", job, "--redis", REDIS.uri());
        assertEquals(List.of("job.created", "job.completed"), rows(all.out()).stream().map(TimelineCommandTest::eventType).toList(), all::toString);

        CliRun recent = CliRun.of("timeline", job, "--redis", REDIS.uri(), "--last", "1h");
        assertEquals(List.of("job.completed"), rows(recent.out()).stream().map(TimelineCommandTest::eventType).toList(), recent::toString);

        CliRun limited = CliRun.of("timeline", job, "--redis", REDIS.uri(), "--scan-limit", "100");
        assertEquals(0, limited.exit(), limited::toString);
        assertTrue(limited.err().contains("note: stopped after 100 entries"), limited::toString);
        assertEquals(List.of("job.created"), rows(limited.out()).stream().map(TimelineCommandTest::eventType).toList(), limited::toString);
    }

    @Test
    void jsonOutputIsOneObjectWithOrderedEvents() throws Exception {
        TestEvents.Job job = new TestEvents.Job();
        for (TelemetryEvent e : job.events) add(EVENTS, e);

        CliRun r = CliRun.of("timeline", job.jobId, "--redis", REDIS.uri(), "--json", "--gap-ms", "60");

        assertEquals(0, r.exit(), r::toString);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(job.jobId, root.get("jobId").asText());
        assertEquals(job.traceId, root.get("traceId").asText());
        assertEquals("completed", root.get("outcome").asText());
        assertEquals(450, root.get("durationMs").asLong());
        List<String> types = new ArrayList<>();
        root.get("events").forEach(e -> types.add(e.get("eventType").asText()));
        assertEquals(List.of("http.request_completed", "job.created", "job.claimed", "connector.processing_completed", "job.completed"), types);
        assertEquals(job.requestTraceId, root.get("requestTraceId").asText());
        assertTrue(root.get("events").get(0).get("requestTrace").asBoolean());
        assertEquals(150, root.get("events").get(3).get("offsetMs").asLong());
        assertEquals(1, root.get("gaps").size());
        assertEquals(85, root.get("gaps").get(0).get("millis").asLong());
    }

    /** Table rows: the lines after the column header up to the blank line. */
    private static List<String> rows(String out) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : out.split("\n")) {
            if (line.contains("+ms") && line.contains("details")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static String eventType(String row) {
        return row.substring(2).trim().split("\\s+")[3];
    }
}
