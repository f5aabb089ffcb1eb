package io.emp.telemetry.collector.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's HTTP API and live feed over real HTTP, against a real Redis holding events written with the wire schema. */
class ConsoleApiTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String EVENTS = StreamDefaults.EVENTS_STREAM;
    private static final String ERRORS = StreamDefaults.ERRORS_STREAM;

    static RedisClient client;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> redis;
    static ConsoleServer console;
    static ConsoleClient http;
    static final String FAILED = "job-failed-" + TestEvents.hex(6);
    static final String RUNNING = "job-running-" + TestEvents.hex(6);
    static TestEvents.Job completed;
    /** A script, stylesheet, image or fetch from another origin. */
    private static final java.util.regex.Pattern FOREIGN = java.util.regex.Pattern.compile(
            "(src|href)\\s*=\\s*[\"']?(https?:)?//|url\\(\\s*[\"']?(https?:)?//|fetch\\(\\s*[\"'`]https?:|EventSource\\(\\s*[\"'`]https?:");

    @BeforeAll
    static void start() {
        client = RedisClient.create(REDIS.uri());
        connection = client.connect();
        redis = connection.sync();
        long t0 = System.currentTimeMillis() - 5_000;
        completed = new TestEvents.Job();
        for (TelemetryEvent e : completed.events) TestEvents.xadd(redis, EVENTS, e);
        for (TelemetryEvent e : failedJob(FAILED, t0)) TestEvents.xadd(redis, e.isError() ? ERRORS : EVENTS, e);
        TestEvents.xadd(redis, EVENTS, jobEvent("job.created", RUNNING, t0 + 10, "api-server").attribute("jobType", "image-gen").build());
        TestEvents.xadd(redis, EVENTS, TelemetryEvent.builder("machine.hardware_detected").timestamp(t0 + 1).service("worker")
                .machineId("m-2").traceId(TestEvents.hex(32)).spanId(TestEvents.hex(16))
                .attribute("host.cpu.model.name", "AMD EPYC 7R13 Processor").attribute("system.cpu.logical_count", 48)
                .attribute("hw.gpu.count", 1).attribute("gpu.0.hw.model", "NVIDIA L40S")
                .attribute("hw.gpu.memory.limit", 46068L * 1024 * 1024).build());
        TestEvents.xadd(redis, EVENTS, jobEvent("job.claimed", RUNNING, t0 + 20, "worker").workerId("w-2").machineId("m-2").build());
        redis.setex("job:" + RUNNING + ":latest-status", 60, "{\"progress\":40,\"message\":\"denoising step 4 of 10\"}");
        console = ConsoleTestSetup.start(REDIS.uri());
        http = new ConsoleClient("http://127.0.0.1:" + console.port(), null);
    }

    static List<TelemetryEvent> failedJob(String jobId, long t0) {
        List<TelemetryEvent> out = new ArrayList<>();
        out.add(jobEvent("job.created", jobId, t0, "api-server").attribute("jobType", "flaky").build());
        out.add(jobEvent("job.claimed", jobId, t0 + 100, "worker").workerId("w-1").machineId("m-1").build());
        out.add(jobEvent("connector.processing_failed", jobId, t0 + 1600, "worker").workerId("w-1").machineId("m-1")
                .errorType("io.emp.sample.UpstreamServiceException").errorMessage("upstream model service unavailable (HTTP 503)")
                .errorStack("io.emp.sample.UpstreamServiceException: upstream model service unavailable (HTTP 503)\n\tat Flaky.run(Flaky.java:28)")
                .attribute(Attributes.DURATION_MS, 5.5).build());
        out.add(jobEvent("job.failed", jobId, t0 + 1610, "worker").workerId("w-1").machineId("m-1")
                .attribute("error", "upstream model service unavailable (HTTP 503)").build());
        return out;
    }

    static TelemetryEvent.Builder jobEvent(String type, String jobId, long ts, String service) {
        return TelemetryEvent.builder(type).timestamp(ts).service(service).jobId(jobId)
                .traceId(JobTrace.traceId(jobId)).spanId(TestEvents.hex(16)).parentSpanId(JobTrace.rootSpanId(jobId));
    }

    @AfterAll
    static void stop() {
        if (console != null) console.close();
        connection.close();
        client.shutdown();
    }

    @Test
    void jobsListsRunningJobsWithTheirLatestStatusAndFinishedOnesWithOutcomeAndDuration() {
        JsonNode jobs = http.json("/api/jobs");
        JsonNode running = find(jobs.get("running"), RUNNING);
        assertEquals("image-gen", running.get("jobType").asText());
        assertEquals("w-2", running.get("worker").asText());
        assertEquals(40, running.at("/status/message/progress").asInt(), running.toString());
        JsonNode failed = find(jobs.get("finished"), FAILED);
        assertEquals("failed", failed.get("outcome").asText());
        assertEquals(1610, failed.get("durationMs").asLong());
        assertEquals("upstream model service unavailable (HTTP 503)", failed.get("error").asText());
        assertEquals("completed", find(jobs.get("finished"), completed.jobId).get("outcome").asText());
    }

    @Test
    void jobDetailIsTheTimelineWithGapsAndTheErrorAndUnknownJobsAre404() {
        JsonNode job = http.json("/api/jobs/" + FAILED);
        assertEquals("failed", job.get("outcome").asText());
        assertEquals(JobTrace.traceId(FAILED), job.get("traceId").asText());
        assertEquals(List.of("job.created", "job.claimed", "connector.processing_failed", "job.failed"), types(job.get("events")));
        JsonNode error = job.get("events").get(2);
        assertTrue(error.get("errorStack").asText().contains("Flaky.java:28"));
        assertEquals(1, job.get("gaps").size(), job.get("gaps").toString());
        // A gap is idle time: from the claim (t0+100) to the start of the 5.5 ms failed attempt (t0+1594.5).
        assertEquals(1495, job.at("/gaps/0/millis").asLong());
        assertEquals(2, http.json("/api/jobs/" + FAILED + "?gapMs=50").get("gaps").size(), "created→claimed is 100 ms");
        JsonNode linked = http.json("/api/jobs/" + completed.jobId);
        assertEquals(completed.requestTraceId, linked.get("requestTraceId").asText());
        assertEquals(404, http.get("/api/jobs/no-such-job").statusCode());
    }

    @Test
    void eventsAreFilteredLikeSearchAndBadParametersAre400() {
        JsonNode byJob = http.json("/api/events?job=" + FAILED);
        assertEquals(List.of("job.created", "job.claimed", "connector.processing_failed", "job.failed"), types(byJob.get("events")));
        JsonNode errors = http.json("/api/events?errors=true");
        assertEquals(List.of("connector.processing_failed"), types(errors.get("events")));
        JsonNode worker = http.json("/api/events?service=work*&type=claimed&limit=1");
        assertEquals(1, worker.get("events").size());
        assertTrue(worker.get("limited").asBoolean());
        assertEquals(400, http.get("/api/events?limit=zero").statusCode());
        assertEquals(400, http.get("/api/events?last=yesterday").statusCode());
    }

    @Test
    void errorsAreGroupedByTypeAndServiceWithARatePerMinute() {
        JsonNode errors = http.json("/api/errors?last=1h");
        assertEquals(1, errors.get("total").asLong());
        JsonNode group = errors.at("/groups/0");
        assertEquals("io.emp.sample.UpstreamServiceException", group.get("errorType").asText());
        assertEquals("worker", group.get("service").asText());
        assertEquals(FAILED, group.get("lastJobId").asText());
        long[] perMinute = counts(errors.at("/perMinute/series/io.emp.sample.UpstreamServiceException"));
        assertEquals(1, java.util.Arrays.stream(perMinute).sum());
        int buckets = errors.at("/perMinute/buckets").asInt();
        assertTrue(buckets == 60 || buckets == 61, "one bucket a minute over the hour: " + buckets);
    }

    @Test
    void throughputCountsEventsAndJobsPerMinute() {
        JsonNode t = http.json("/api/throughput?last=30m");
        assertEquals(3, sum(t.at("/jobs/series/created")));
        assertEquals(1, sum(t.at("/jobs/series/completed")));
        assertEquals(1, sum(t.at("/jobs/series/failed")));
        assertTrue(sum(t.at("/byService/series/worker")) >= 7, t.toString());
        assertTrue(sum(t.at("/byType/series/job.created")) >= 3, t.toString());
    }

    @Test
    void machinesShowTheLastGpuMessageAndWorkersTheirLastEvent() {
        try (ConsoleClient.Feed feed = http.live("?kinds=status")) {
            feed.next("redis", Duration.ofSeconds(5));
            redis.publish("machine:m-1:gpu", "{\"gpuTemp\":71.5,\"gpuUtil\":93}");
            ConsoleClient.Message m = feed.next("status", Duration.ofSeconds(5));
            assertEquals("machine:m-1:gpu", m.data().get("channel").asText());
        }
        JsonNode machines = http.json("/api/machines");
        JsonNode m1 = findBy(machines.get("machines"), "machineId", "m-1");
        assertEquals(71.5, m1.at("/gpu/message/gpuTemp").asDouble());
        assertEquals("job.failed", m1.at("/lastEvent/eventType").asText());
        JsonNode m2 = findBy(machines.get("machines"), "machineId", "m-2");
        assertEquals("NVIDIA L40S", m2.at("/hardware/gpu.0.hw.model").asText(), m2.toString());
        assertEquals(48, m2.at("/hardware/system.cpu.logical_count").asInt());
        assertEquals("job.claimed", m2.at("/lastEvent/eventType").asText(), "the last event, not the hardware event");
        assertTrue(m1.path("hardware").isMissingNode(), "no hardware event for m-1");
        JsonNode w2 = findBy(machines.get("workers"), "workerId", "w-2");
        assertEquals("job.claimed", w2.at("/lastEvent/eventType").asText());
    }

    @Test
    void theLiveFeedDeliversNewEventsAndJobStatusFromNowOn() {
        String job = "job-live-" + TestEvents.hex(6);
        try (ConsoleClient.Feed feed = http.live("?job=" + job)) {
            assertTrue(feed.next("redis", Duration.ofSeconds(5)).data().get("up").asBoolean());
            TestEvents.xadd(redis, EVENTS, jobEvent("job.claimed", "another-job", System.currentTimeMillis(), "worker").build());
            TestEvents.xadd(redis, EVENTS, jobEvent("connector.processing_started", job, System.currentTimeMillis(), "worker").build());
            ConsoleClient.Message e = feed.next("event", Duration.ofSeconds(5));
            assertEquals(job, e.data().get("jobId").asText(), "the job filter applies");
            assertEquals("connector.processing_started", e.data().get("eventType").asText());
            redis.publish("job:another-job:status", "{\"progress\":10}");
            redis.publish("job:" + job + ":status", "{\"progress\":50}");
            ConsoleClient.Message s = feed.next("status", Duration.ofSeconds(5));
            assertEquals(50, s.data().at("/message/progress").asInt());
        }
    }

    @Test
    void pagesAreServedFromTheJarWithAStrictContentSecurityPolicy() {
        HttpResponse<String> root = http.get("/");
        assertEquals(302, root.statusCode());
        assertEquals("/jobs.html", root.headers().firstValue("Location").orElse(""));
        for (String page : List.of("live.html", "jobs.html", "job.html", "trace.html", "errors.html", "machines.html",
                "throughput.html", "console.js", "waterfall.js", "style.css")) {
            HttpResponse<String> r = http.get("/" + page);
            assertEquals(200, r.statusCode(), page);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"), page);
            assertFalse(FOREIGN.matcher(r.body()).find(), page + " loads nothing from elsewhere");
        }
        assertEquals(404, http.get("/../pom.xml").statusCode());
        assertEquals(404, http.get("/nope.html").statusCode());
        assertEquals(403, http.post("/api/jobs/" + FAILED + "/retry").statusCode(), "no actions without auth");
    }

    private static JsonNode find(JsonNode list, String jobId) {
        return findBy(list, "jobId", jobId);
    }

    private static JsonNode findBy(JsonNode list, String field, String value) {
        for (JsonNode n : list) if (value.equals(n.path(field).asText())) return n;
        throw new AssertionError(field + " " + value + " not in " + list);
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) out.add(e.get("eventType").asText());
        return out;
    }

    private static long[] counts(JsonNode series) {
        long[] out = new long[series.size()];
        for (int i = 0; i < out.length; i++) out[i] = series.get(i).asLong();
        return out;
    }

    private static long sum(JsonNode series) {
        return java.util.Arrays.stream(counts(series)).sum();
    }
}
