package io.emp.telemetry.collector.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.console.action.RedisFunctionRetry;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Basic and token authentication in front of every page and API call, and the retry action behind it. */
class ConsoleAuthTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String TOKEN = "tok-0123456789abcdef0123";
    /** The retry function the action calls: puts the job back on a list and says so. */
    private static final String LIBRARY = "#!lua name=consoletest\n"
            + "redis.register_function('retry_job', function(keys, args)\n"
            + "  redis.call('RPUSH', 'retried', keys[1])\n"
            + "  return 'requeued ' .. keys[1]\n"
            + "end)\n"
            + "redis.register_function('broken_retry', function(keys, args) return redis.error_reply('ERR no such job') end)\n";

    static RedisClient client;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.uri());
        redis = client.connect();
        redis.sync().functionLoad(LIBRARY, true);
    }

    @AfterAll
    static void close() {
        redis.close();
        client.shutdown();
    }

    @Test
    void basicAuthAnswers401WithoutOrWithWrongCredentials() {
        try (ConsoleServer console = ConsoleTestSetup.start(REDIS.uri(), "EMP_COLLECTOR_CONSOLE_AUTH", "basic",
                "EMP_COLLECTOR_CONSOLE_USER", "ops", "EMP_COLLECTOR_CONSOLE_PASSWORD", PASSWORD)) {
            String base = "http://127.0.0.1:" + console.port();
            for (String path : List.of("/api/jobs", "/api/status", "/api/live", "/jobs.html", "/")) {
                HttpResponse<String> r = new ConsoleClient(base, null).get(path);
                assertEquals(401, r.statusCode(), path);
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
            }
            assertEquals(401, new ConsoleClient(base, basic("ops", "wrong")).get("/api/jobs").statusCode());
            assertEquals(401, new ConsoleClient(base, basic("root", PASSWORD)).get("/api/jobs").statusCode());
            assertEquals(401, new ConsoleClient(base, "Basic !!!").get("/api/jobs").statusCode());
            assertEquals(200, new ConsoleClient(base, basic("ops", PASSWORD)).get("/api/jobs").statusCode());
            assertEquals(200, new ConsoleClient(base, basic("ops", PASSWORD)).get("/jobs.html").statusCode());
        }
    }

    @Test
    void tokenAuthTakesABearerHeaderOrTheCookieAPageGetsFromTheTokenInItsAddress() {
        try (ConsoleServer console = ConsoleTestSetup.start(REDIS.uri(), "EMP_COLLECTOR_CONSOLE_AUTH", "token",
                "EMP_COLLECTOR_CONSOLE_TOKEN", TOKEN)) {
            String base = "http://127.0.0.1:" + console.port();
            ConsoleClient anonymous = new ConsoleClient(base, null);
            assertEquals(401, anonymous.get("/api/jobs").statusCode());
            assertEquals(401, new ConsoleClient(base, "Bearer nope").get("/api/jobs").statusCode());
            assertEquals(200, new ConsoleClient(base, "Bearer " + TOKEN).get("/api/jobs").statusCode());
            HttpResponse<String> login = anonymous.get("/jobs.html?token=" + TOKEN);
            assertEquals(303, login.statusCode());
            assertEquals("/jobs.html", login.headers().firstValue("Location").orElse(""));
            String cookie = login.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertEquals(401, anonymous.get("/jobs.html?token=wrong").statusCode());
        }
    }

    @Test
    void aConsoleBeyondLoopbackWithoutAuthIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConsoleConfig.load(null, Map.of(),
                Map.of("EMP_COLLECTOR_CONSOLE_HOST", "0.0.0.0")));
        assertTrue(e.getMessage().contains("EMP_COLLECTOR_CONSOLE_HOST") && e.getMessage().contains("authentication"), e.getMessage());
        assertThrows(ConfigException.class, () -> ConsoleConfig.load(null, Map.of(),
                Map.of("EMP_COLLECTOR_CONSOLE_AUTH", "token", "EMP_COLLECTOR_CONSOLE_TOKEN", "short")));
        assertThrows(ConfigException.class, () -> ConsoleConfig.load(null, Map.of(),
                Map.of("EMP_COLLECTOR_CONSOLE_AUTH", "basic")));
        ConsoleConfig open = ConsoleConfig.load(null, Map.of(), Map.of("EMP_COLLECTOR_CONSOLE_HOST", "0.0.0.0",
                "EMP_COLLECTOR_CONSOLE_AUTH", "token", "EMP_COLLECTOR_CONSOLE_TOKEN", TOKEN));
        assertTrue(!open.toString().contains(TOKEN), "the token is never printed");
    }

    @Test
    void retryCallsTheRedisFunctionAndRecordsItInTheJobsTrace() {
        String job = "job-" + TestEvents.hex(8);
        TestEvents.xadd(redis.sync(), StreamDefaults.EVENTS_STREAM, TelemetryEvent.builder("job.failed")
                .timestamp(System.currentTimeMillis()).service("worker").jobId(job).traceId(JobTrace.traceId(job))
                .spanId(TestEvents.hex(16)).build());
        try (ConsoleServer console = ConsoleTestSetup.start(REDIS.uri(), "EMP_COLLECTOR_CONSOLE_AUTH", "basic",
                "EMP_COLLECTOR_CONSOLE_USER", "ops", "EMP_COLLECTOR_CONSOLE_PASSWORD", PASSWORD,
                "EMP_COLLECTOR_CONSOLE_RETRY_FUNCTION", "retry_job")) {
            ConsoleClient ops = new ConsoleClient("http://127.0.0.1:" + console.port(), basic("ops", PASSWORD));
            assertTrue(ops.json("/api/jobs/" + job).at("/actions/retry").asBoolean(), "offered for a failed job");
            assertEquals(401, new ConsoleClient("http://127.0.0.1:" + console.port(), null).post("/api/jobs/" + job + "/retry").statusCode());
            assertEquals(403, ops.post("/api/jobs/" + job + "/retry").statusCode(), "without the action header");
            HttpResponse<String> r = ops.post("/api/jobs/" + job + "/retry", "X-EMP-Console", "1");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode result = ConsoleClient.parse(r.body());
            assertEquals("requeued " + job, result.get("result").asText());
            assertEquals(List.of(job), redis.sync().lrange("retried", 0, -1));
            TelemetryEvent recorded = decode(result.get("eventEntryId").asText(), StreamDefaults.EVENTS_STREAM);
            assertEquals(RedisFunctionRetry.RETRIED, recorded.eventType());
            assertEquals(JobTrace.traceId(job), recorded.traceId());
            assertEquals(JobTrace.rootSpanId(job), recorded.parentSpanId());
            assertEquals("ops", recorded.data().get("actor"));
            assertEquals("retry_job", recorded.data().get("db.stored_procedure.name"));
            assertTrue(ops.json("/api/jobs/" + job).get("events").toString().contains(RedisFunctionRetry.RETRIED),
                    "the action is on the job's timeline");
        }
    }

    /** With reactions configured and no retry function, the console retries through the reactions' own retry action. */
    @Test
    void withoutARetryFunctionTheReactionsRetryActionIsUsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path reactions = dir.resolve("reactions.yaml");
        java.nio.file.Files.writeString(reactions, """
                version: 1
                reactions:
                  - id: retry-failed
                    on: [job.failed]
                    actions:
                      - id: retry
                        redis.fcall:
                          function: retry_job
                          keys: ["console:{jobId}"]
                """);
        String job = "job-" + TestEvents.hex(8);
        TestEvents.xadd(redis.sync(), StreamDefaults.EVENTS_STREAM, TelemetryEvent.builder("job.failed")
                .timestamp(System.currentTimeMillis()).service("worker").jobId(job).traceId(JobTrace.traceId(job))
                .spanId(TestEvents.hex(16)).build());
        try (ConsoleServer console = ConsoleTestSetup.start(REDIS.uri(), "EMP_COLLECTOR_CONSOLE_AUTH", "token",
                "EMP_COLLECTOR_CONSOLE_TOKEN", TOKEN, "EMP_REACTIONS", reactions.toString())) {
            ConsoleClient ops = new ConsoleClient("http://127.0.0.1:" + console.port(), "Bearer " + TOKEN);
            assertTrue(ops.json("/api/jobs/" + job).at("/actions/retry").asBoolean(), "offered through the reactions file");
            HttpResponse<String> r = ops.post("/api/jobs/" + job + "/retry", "X-EMP-Console", "1");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(redis.sync().lrange("retried", 0, -1).contains("console:" + job), "the reactions' FCALL ran");
            TelemetryEvent recorded = decode(ConsoleClient.parse(r.body()).get("eventEntryId").asText(),
                    StreamDefaults.EVENTS_STREAM);
            assertEquals(RedisFunctionRetry.RETRIED, recorded.eventType());
            assertEquals("retry_job", recorded.data().get("db.stored_procedure.name"));
        }
    }

    @Test
    void aFailingRetryFunctionIsReportedAndRecordedAsAnErrorInTheJobsTrace() {
        String job = "job-" + TestEvents.hex(8);
        try (ConsoleServer console = ConsoleTestSetup.start(REDIS.uri(), "EMP_COLLECTOR_CONSOLE_AUTH", "token",
                "EMP_COLLECTOR_CONSOLE_TOKEN", TOKEN, "EMP_COLLECTOR_CONSOLE_RETRY_FUNCTION", "broken_retry")) {
            ConsoleClient ops = new ConsoleClient("http://127.0.0.1:" + console.port(), "Bearer " + TOKEN);
            HttpResponse<String> r = ops.post("/api/jobs/" + job + "/retry", "X-EMP-Console", "1");
            assertEquals(502, r.statusCode(), r.body());
            JsonNode result = ConsoleClient.parse(r.body());
            assertTrue(result.get("error").asText().contains("no such job"), r.body());
            TelemetryEvent recorded = decode(result.get("eventEntryId").asText(), StreamDefaults.ERRORS_STREAM);
            assertEquals(RedisFunctionRetry.RETRY_FAILED, recorded.eventType());
            assertNotNull(recorded.errorType());
            assertEquals(job, recorded.jobId());
        }
    }

    private static TelemetryEvent decode(String entryId, String stream) {
        List<StreamMessage<String, String>> m = redis.sync().xrange(stream, Range.create(entryId, entryId), Limit.from(1));
        assertEquals(1, m.size(), "entry " + entryId + " in " + stream);
        try {
            return EventCodec.decode(m.get(0).getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
