package io.emp.telemetry.collector.jar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI as a separate JVM from the packaged jar: help and version everywhere, exit codes, --redis and the note
 * naming the Redis in use, output options, errors --type and message shapes, timeline waterfall, event-time windows,
 * correlate, bad OTEL_* values for run, the bench alias and the bin/emp-events launcher.
 */
class CliJarIT {
    static final String EVENTS = "emp:events";
    static final String ERRORS = "emp:errors";
    static final List<String> COMMANDS = List.of("run", "timeline", "correlate", "search", "tail", "health", "errors", "perf",
            "version", "bench");

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
    static void disconnect() {
        conn.close();
        client.shutdown();
    }

    @BeforeEach
    void clean() {
        REDIS.flushAll();
    }

    private static Map<String, String> envRedis() {
        return Map.of("EMP_REDIS_URL", REDIS.uri());
    }

    static String hex(int chars) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < chars) sb.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 60));
        return sb.substring(0, chars);
    }

    static TelemetryEvent.Builder event(String type, String service, long timestamp) {
        return TelemetryEvent.builder(type).timestamp(timestamp).service(service).traceId(hex(32)).spanId(hex(16));
    }

    static TelemetryEvent.Builder jobEvent(String job, String type, String service, long timestamp) {
        return event(type, service, timestamp).traceId(JobTrace.traceId(job)).parentSpanId(JobTrace.rootSpanId(job)).jobId(job);
    }

    static void add(String stream, TelemetryEvent e) {
        redis.xadd(stream, EventCodec.encode(e));
    }

    @Test
    void everyCommandAnswersHelpAndVersionAndUsageErrorsExitTwo() {
        for (String command : COMMANDS) {
            JarRun help = JarRun.of(Map.of(), command, "--help");
            assertEquals(0, help.exit(), help::toString);
            assertTrue(help.out().startsWith("Usage: emp-collector " + command), help::toString);
            for (String flag : List.of("--version", "-V")) {
                JarRun version = JarRun.of(Map.of(), command, flag);
                assertEquals(0, version.exit(), version::toString);
                assertTrue(version.out().startsWith("emp-collector "), command + " " + flag + ": " + version);
            }
        }
        JarRun none = JarRun.of(Map.of());
        assertEquals(2, none.exit(), none::toString);
        assertTrue(none.err().contains("Usage: emp-collector") && none.out().isEmpty(), none::toString);
        JarRun unknown = JarRun.of(Map.of(), "search", "--no-such-option");
        assertEquals(2, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("Unknown option: '--no-such-option'"), unknown::toString);
        JarRun missing = JarRun.of(Map.of(), "timeline");
        assertEquals(2, missing.exit(), missing::toString);
        for (String command : List.of("timeline", "correlate", "search", "tail", "health", "errors", "perf", "run", "bench")) {
            JarRun help = JarRun.of(Map.of(), command, "--help");
            assertTrue(help.out().contains("--redis=URL"), command + " has --redis: " + help);
        }
    }

    @Test
    void theRedisInUseIsNamedUnlessGivenAndUnreachableRedisIsExitTwo() {
        add(EVENTS, jobEvent("job-a", "job.created", "api-server", System.currentTimeMillis()).build());
        JarRun fromEnv = JarRun.of(envRedis(), "search");
        assertEquals(0, fromEnv.exit(), fromEnv::toString);
        assertTrue(fromEnv.err().contains("search: reading Redis at redis://" + REDIS.host() + ":" + REDIS.port() + "/0 (EMP_REDIS_URL;"),
                fromEnv::toString);
        JarRun explicit = JarRun.of(Map.of(), "search", "--redis", REDIS.uri());
        assertEquals(0, explicit.exit(), explicit::toString);
        assertFalse(explicit.err().contains("reading Redis"), explicit::toString);
        JarRun fallback = JarRun.of(Map.of(), "health", "--redis", "redis://:pw-s3cret@127.0.0.1:1");
        assertEquals(2, fallback.exit(), fallback::toString);
        assertEquals(1, fallback.err().strip().lines().count(), fallback::toString);
        assertFalse(fallback.err().contains("pw-s3cret"), fallback::toString);
        JarRun byDefault = JarRun.of(Map.of(), "perf");
        assertTrue(byDefault.err().startsWith("perf: reading Redis at redis://127.0.0.1:6379/0 (default;"), byDefault::toString);
    }

    @Test
    void pipedOutputIsWholeColourOnRequestAndFullShowsStacks() {
        String longValue = "v".repeat(300) + "-END";
        add(EVENTS, event("job.claimed", "worker", System.currentTimeMillis()).jobId("job-long").attribute("note", longValue).build());
        add(ERRORS, event("connector.processing_failed", "worker", System.currentTimeMillis()).jobId("job-long")
                .errorType("java.lang.IllegalStateException").errorMessage("boom").errorStack("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:7)")
                .build());
        JarRun piped = JarRun.of(envRedis(), "search", "--job", "job-long");
        assertEquals(0, piped.exit(), piped::toString);
        assertTrue(piped.out().contains(longValue), "no truncation when stdout is not a terminal: " + piped);
        assertFalse(piped.out().contains("\u001b["), piped::toString);
        assertFalse(piped.out().contains("at a.B.c"), "stack traces only with --full: " + piped);
        JarRun colour = JarRun.of(envRedis(), "search", "--job", "job-long", "--color=always");
        assertTrue(colour.out().contains("\u001b[31m"), colour::toString);
        JarRun never = JarRun.of(Map.of("EMP_REDIS_URL", REDIS.uri()), "search", "--job", "job-long", "--color=never");
        assertFalse(never.out().contains("\u001b["), never::toString);
        JarRun full = JarRun.of(envRedis(), "search", "--job", "job-long", "--full");
        assertTrue(full.out().contains("at a.B.c(B.java:7)"), full::toString);
        JarRun bad = JarRun.of(envRedis(), "search", "--color=sometimes");
        assertEquals(2, bad.exit(), bad::toString);
    }

    @Test
    void errorsFilterByTypeAndGroupMessagesByShape() throws Exception {
        long now = System.currentTimeMillis();
        for (int attempt = 1; attempt <= 3; attempt++) {
            add(ERRORS, event("connector.processing_failed", "worker", now).jobId("job-" + hex(6))
                    .errorType("io.x.UpstreamException").errorMessage("upstream unavailable (HTTP 503) on attempt " + attempt
                            + " for job 3f2a9c1e-0b7d-4e55-9a1b-2c3d4e5f6a7b trace " + hex(32)).build());
        }
        add(ERRORS, event("connector.processing_failed", "worker", now).errorType("java.util.concurrent.TimeoutException")
                .errorMessage("timed out after 30000 ms").build());
        JarRun all = JarRun.of(envRedis(), "errors");
        assertEquals(0, all.exit(), all::toString);
        assertTrue(all.out().contains("    3  io.x.UpstreamException: upstream unavailable (HTTP <n>) on attempt <n> for job <uuid> trace <hex>"),
                all::toString);
        assertTrue(all.out().contains("e.g. upstream unavailable (HTTP 503) on attempt 3"), all::toString);
        JarRun typed = JarRun.of(envRedis(), "errors", "--type", "Timeout", "--json");
        JsonNode json = new ObjectMapper().readTree(typed.out());
        assertEquals(1, json.get("total").asLong(), typed::toString);
        assertEquals("java.util.concurrent.TimeoutException", json.get("groups").get(0).get("errorType").asText());
        JarRun glob = JarRun.of(envRedis(), "errors", "--type", "io.x.*Exception");
        assertTrue(glob.out().startsWith("3 error(s)"), glob::toString);
        JarRun none = JarRun.of(envRedis(), "errors", "--type", "NoSuchError");
        assertEquals(1, none.exit(), none::toString);
    }

    @Test
    void timelineIsAWaterfallInStartOrderAndWindowsUseEventTime() {
        String job = "job-" + hex(8);
        long t0 = System.currentTimeMillis() - 10_000;
        String requestTrace = hex(32);
        String requestSpan = hex(16);
        // The request that created the job lasted 7.7 s and ended after job.created: it must come first.
        add(EVENTS, event("http.server.request", "api-server", t0 + 7700).traceId(requestTrace).spanId(requestSpan)
                .attribute(Attributes.HTTP_REQUEST_METHOD, "POST").attribute(Attributes.DURATION_MS, 7700.0).build());
        add(EVENTS, jobEvent(job, "job.created", "api-server", t0 + 7600).attribute(Attributes.LINK_TRACE_ID, requestTrace)
                .attribute(Attributes.LINK_SPAN_ID, requestSpan).build());
        add(EVENTS, jobEvent(job, "job.claimed", "worker", t0 + 8000).attribute("attempt", 1).build());
        add(EVENTS, jobEvent(job, "connector.processing_completed", "worker", t0 + 9000).attribute(Attributes.DURATION_MS, 900.0).build());
        add(EVENTS, jobEvent(job, "job.completed", "worker", t0 + 9100).build());
        // Malformed entry in the time range: counted once although the request's trace is scanned a second time.
        redis.xadd(EVENTS, Map.of("v", "1", "eventType", "broken"));

        JarRun r = JarRun.of(envRedis(), "timeline", job);
        assertEquals(0, r.exit(), r::toString);
        List<String> rows = r.out().lines().dropWhile(l -> !l.contains("waterfall")).skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertEquals(5, rows.size(), r::toString);
        assertTrue(rows.get(0).contains("http.server.request") && rows.get(0).contains("+0 ") && rows.get(0).contains("[=========="),
                r::toString);
        assertTrue(rows.get(1).contains("job.created") && rows.get(1).contains("+7600"), r::toString);
        assertTrue(rows.get(3).contains("connector.processing_completed") && rows.get(3).contains("+8100")
                && rows.get(3).contains("900ms"), r::toString);
        assertEquals(1, r.err().lines().filter(l -> l.contains("note: skipped 1 entries")).count(), r::toString);

        // Stored now, happened two minutes ago (it waited in the agent's queue while Redis was away):
        // --last and --until go by the event's time, not by the stream id.
        String late = "job-late-" + hex(6);
        add(EVENTS, jobEvent(late, "job.created", "api-server", System.currentTimeMillis() - 120_000).build());
        add(EVENTS, jobEvent(late, "job.completed", "worker", System.currentTimeMillis()).build());
        JarRun recent = JarRun.of(envRedis(), "search", "--job", late, "--last", "1m", "--json");
        assertEquals(1, recent.out().lines().count(), recent::toString);
        assertTrue(recent.out().contains("job.completed"), recent::toString);
        JarRun older = JarRun.of(envRedis(), "search", "--job", late, "--until", "1m", "--json");
        assertEquals(1, older.out().lines().count(), older::toString);
        assertTrue(older.out().contains("job.created"), older::toString);
    }

    @Test
    void correlateListsTheHandoffsByJobOrTrace() throws Exception {
        String job = "job-" + hex(8);
        long t0 = System.currentTimeMillis() - 10_000;
        String requestTrace = hex(32);
        add(EVENTS, event("http.server.request", "api-server", t0 + 30).traceId(requestTrace)
                .attribute(Attributes.DURATION_MS, 30.0).build());
        add(EVENTS, jobEvent(job, "job.created", "api-server", t0 + 20).attribute(Attributes.LINK_TRACE_ID, requestTrace)
                .attribute(Attributes.LINK_SPAN_ID, hex(16)).build());
        add(EVENTS, jobEvent(job, "job.claimed", "worker", t0 + 2020).attribute("attempt", 1).build());
        add(EVENTS, jobEvent(job, "connector.processing_started", "worker", t0 + 2030).build());
        add(ERRORS, jobEvent(job, "connector.processing_failed", "worker", t0 + 2100).errorType("E").errorMessage("m")
                .attribute(Attributes.DURATION_MS, 70.0).build());
        add(EVENTS, jobEvent(job, "job.claimed", "worker", t0 + 2600).attribute("attempt", 2).build());
        add(EVENTS, jobEvent(job, "job.failed", "worker", t0 + 2700).build());

        JarRun r = JarRun.of(envRedis(), "correlate", job);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("path      api-server → queue → worker → worker connector → queue → worker"), r::toString);
        assertTrue(r.out().contains("api-server → queue → worker") && r.out().contains("2.00s  job.created → job.claimed (attempt 1)"),
                r::toString);
        assertTrue(r.out().contains("10ms  job.claimed → connector.processing_started"), r::toString);

        JarRun byRequest = JarRun.of(envRedis(), "correlate", requestTrace, "--json");
        assertEquals(0, byRequest.exit(), byRequest::toString);
        JsonNode json = new ObjectMapper().readTree(byRequest.out());
        assertEquals(job, json.get("jobId").asText());
        JsonNode first = json.get("handoffs").get(0);
        assertEquals("queue", first.get("via").asText());
        assertEquals(2000, first.get("latencyMs").asLong());
        JarRun byJobTrace = JarRun.of(envRedis(), "correlate", JobTrace.traceId(job), "--json");
        assertEquals(job, new ObjectMapper().readTree(byJobTrace.out()).get("jobId").asText(), byJobTrace::toString);
        JarRun none = JarRun.of(envRedis(), "correlate", "no-such-job");
        assertEquals(1, none.exit(), none::toString);
    }

    @Test
    void runRejectsBadOtelValuesInOneLineAndBenchKeepsItsOldOption() {
        Map<String, String> base = Map.of("EMP_REDIS_URL", REDIS.uri(), "EMP_EXPORTERS", "otlp",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1", "EMP_COLLECTOR_HEALTH_PORT", "-1");
        record Bad(String name, String value, String message) {
        }
        for (Bad bad : List.of(new Bad("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "http/json is not supported"),
                new Bad("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer tok-s3cret,oops", "malformed"),
                new Bad("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd", "unknown compression 'zstd'"))) {
            Map<String, String> env = new java.util.HashMap<>(base);
            env.put(bad.name(), bad.value());
            JarRun r = JarRun.of(env, "run");
            assertEquals(2, r.exit(), r::toString);
            assertEquals(1, r.err().strip().lines().count(), r::toString);
            assertTrue(r.err().contains(bad.name() + ": " + bad.message()), r::toString);
            assertFalse(r.err().contains("tok-s3cret") || r.err().contains("Exception"), r::toString);
        }
        JarRun bench = JarRun.of(Map.of(), "bench", "--redis-url", REDIS.uri(), "--seconds", "1", "--rate", "100");
        assertEquals(0, bench.exit(), bench::toString);
        assertTrue(bench.err().contains("--redis-url is deprecated, use --redis"), bench::toString);
        assertTrue(redis.xlen(EVENTS) > 0, "bench wrote to the Redis it was given");
    }

    @Test
    void theLauncherFindsTheJarRelativeToItselfOrThroughTheEnvironment() {
        String launcher = JarRun.repoRoot().resolve("bin/emp-events").toString();
        JarRun relative = JarRun.exec(List.of("sh", launcher, "version"), Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertEquals(0, relative.exit(), relative::toString);
        assertTrue(relative.out().startsWith("emp-collector "), relative::toString);
        JarRun help = JarRun.exec(List.of("sh", launcher, "timeline", "--help"), Map.of("EMP_COLLECTOR_JAR", JarRun.jar().toString()));
        assertTrue(help.out().startsWith("Usage: emp-events timeline"), help::toString);
        JarRun missing = JarRun.exec(List.of("sh", launcher, "version"), Map.of("EMP_COLLECTOR_JAR", "/nonexistent/emp-collector.jar"));
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("EMP_COLLECTOR_JAR"), missing::toString);
        JarRun usage = JarRun.exec(List.of("sh", launcher), Map.of());
        assertEquals(2, usage.exit(), usage::toString);
    }
}
