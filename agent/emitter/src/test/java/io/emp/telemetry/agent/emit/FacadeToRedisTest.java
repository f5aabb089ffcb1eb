package io.emp.telemetry.agent.emit;

import io.emp.telemetry.api.Telemetry;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Acceptance: events emitted through the facade appear in emp:events / emp:errors with every schema field. */
class FacadeToRedisTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private RedisEventEmitter emitter;
    private TestSupport.Reader reader;

    @BeforeEach
    void setUp() {
        REDIS.flushAll();
        emitter = TestSupport.emitter(REDIS.uri());
        Telemetry.install(new FacadeBackend(emitter));
        reader = new TestSupport.Reader(REDIS.uri());
    }

    @AfterEach
    void tearDown() {
        Telemetry.install(null);
        emitter.close();
        reader.close();
    }

    @Test
    void facadeEventsLandInTheirStreamsWithEverySchemaField() throws Exception {
        long before = System.currentTimeMillis();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", "sdxl");
        data.put("steps", 30);
        data.put("preview", true);
        data.put("userId", "user-7");
        data.put("apiKey", "sk-live-123");
        data.put("size", new StringBuilder("1024x1024"));
        Telemetry.event("health_check.performed", Map.of("status", "ok"));
        Telemetry.jobEvent("job-42", "job.submitted", data);
        Telemetry.workerEvent("worker-1", "worker.connected", Map.of("gpu", "A100"));
        Telemetry.machineEvent("machine-9", "machine.started", null);
        Telemetry.jobError("job-42", "job.processing_failed", new IllegalStateException("CUDA out of memory"),
                Map.of("attempt", 2));
        Telemetry.error("connector.call_failed", new java.io.IOException("timeout"), Map.of("connector", "openai"));

        TestSupport.waitUntil(Duration.ofSeconds(10),
                () -> reader.xlen(StreamDefaults.EVENTS_STREAM) == 4 && reader.xlen(StreamDefaults.ERRORS_STREAM) == 2,
                () -> "events=" + reader.xlen(StreamDefaults.EVENTS_STREAM) + " errors=" + reader.xlen(StreamDefaults.ERRORS_STREAM)
                        + " " + emitter.stats());

        List<StreamMessage<String, String>> events = reader.xrange(StreamDefaults.EVENTS_STREAM);
        List<StreamMessage<String, String>> errors = reader.xrange(StreamDefaults.ERRORS_STREAM);
        assertEquals(List.of("health_check.performed", "job.submitted", "worker.connected", "machine.started"),
                events.stream().map(m -> m.getBody().get(EventFields.EVENT_TYPE)).collect(Collectors.toList()));
        assertEquals(List.of("job.processing_failed", "connector.call_failed"),
                errors.stream().map(m -> m.getBody().get(EventFields.EVENT_TYPE)).collect(Collectors.toList()));

        for (StreamMessage<String, String> m : events) assertCommonFields(m.getBody(), before);
        for (StreamMessage<String, String> m : errors) assertCommonFields(m.getBody(), before);

        Map<String, String> job = events.get(1).getBody();
        assertEquals("job-42", job.get(EventFields.JOB_ID));
        assertEquals("user-7", job.get(EventFields.USER_ID));
        assertEquals(JobTrace.traceId("job-42"), job.get(EventFields.TRACE_ID));
        assertEquals(JobTrace.rootSpanId("job-42"), job.get(EventFields.PARENT_SPAN_ID));
        TelemetryEvent decoded = EventCodec.decode(job);
        assertEquals("sdxl", decoded.data().get("model"));
        assertEquals(30, decoded.data().get("steps"));
        assertEquals(true, decoded.data().get("preview"));
        assertEquals("1024x1024", decoded.data().get("size"));
        assertEquals(AttributeValues.REDACTED, decoded.data().get("apiKey"));
        assertFalse(job.get(EventFields.DATA).contains("sk-live-123"), "secret must not reach Redis");
        assertFalse(decoded.data().containsKey("userId"), "userId is a field, not an attribute");

        assertEquals("worker-1", events.get(2).getBody().get(EventFields.WORKER_ID));
        assertEquals("machine-9", events.get(3).getBody().get(EventFields.MACHINE_ID));
        assertEquals("{}", events.get(3).getBody().get(EventFields.DATA));

        Map<String, String> jobError = errors.get(0).getBody();
        assertEquals(IllegalStateException.class.getName(), jobError.get(EventFields.ERROR_TYPE));
        assertEquals("CUDA out of memory", jobError.get(EventFields.ERROR_MESSAGE));
        assertTrue(jobError.get(EventFields.ERROR_STACK).contains("FacadeToRedisTest"), jobError.get(EventFields.ERROR_STACK));
        assertEquals(JobTrace.traceId("job-42"), jobError.get(EventFields.TRACE_ID));
        TelemetryEvent err = EventCodec.decode(errors.get(1).getBody());
        assertTrue(err.isError());
        assertEquals("openai", err.data().get("connector"));
        assertEquals("timeout", err.errorMessage());

        // Plain events are not errors and carry no error fields.
        assertNull(events.get(0).getBody().get(EventFields.ERROR_TYPE));
        assertNotEquals(events.get(0).getBody().get(EventFields.TRACE_ID), events.get(2).getBody().get(EventFields.TRACE_ID));
        TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().eventsWritten() == 6, () -> emitter.stats().toString());
    }

    private static void assertCommonFields(Map<String, String> f, long notBefore) throws Exception {
        assertEquals("1", f.get(EventFields.VERSION));
        long ts = Long.parseLong(f.get(EventFields.TIMESTAMP));
        assertTrue(ts >= notBefore && ts <= System.currentTimeMillis(), "timestamp " + ts);
        assertEquals("emitter-test", f.get(EventFields.SERVICE));
        assertTrue(f.get(EventFields.TRACE_ID).matches("[0-9a-f]{32}") && !f.get(EventFields.TRACE_ID).matches("0+"), f.toString());
        assertTrue(f.get(EventFields.SPAN_ID).matches("[0-9a-f]{16}"), f.toString());
        assertTrue(f.get(EventFields.DATA).startsWith("{"), f.toString());
        EventCodec.decode(f); // every entry is a valid event for the collector
    }

    @Test
    void databaseNumberInTheUrlIsUsed() {
        try (RedisEventEmitter db3 = TestSupport.emitter(REDIS.uri() + "/3");
             TestSupport.Reader reader3 = new TestSupport.Reader(REDIS.uri() + "/3")) {
            db3.emit(new FacadeEvents(db3, "svc", null).toEvent(FacadeEvents.EVENT, null, "db.selected", null, null));
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> reader3.xlen(StreamDefaults.EVENTS_STREAM) == 1,
                    () -> db3.stats().toString());
            assertEquals(0, reader.xlen(StreamDefaults.EVENTS_STREAM), "nothing in database 0");
        }
    }

    @Test
    void entriesAreReadableWithRedisCli() throws Exception {
        File cli = new File("/usr/bin/redis-cli");
        assumeTrue(cli.canExecute(), "redis-cli not installed");
        Telemetry.jobEvent("job-cli", "job.completed", Map.of("durationMs", 1234.5));
        TestSupport.waitUntil(Duration.ofSeconds(10), () -> reader.xlen(StreamDefaults.EVENTS_STREAM) == 1,
                () -> emitter.stats().toString());
        Process p = new ProcessBuilder(cli.getPath(), "-h", REDIS.host(), "-p", Integer.toString(REDIS.port()),
                "XRANGE", StreamDefaults.EVENTS_STREAM, "-", "+", "COUNT", "5").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        for (String field : List.of("v", "timestamp", "service", "eventType", "traceId", "spanId", "parentSpanId", "jobId", "data")) {
            assertTrue(out.contains("\n" + field + "\n"), "field " + field + " in:\n" + out);
        }
        assertTrue(out.contains("job.completed") && out.contains("job-cli") && out.contains("{\"durationMs\":1234.5}"), out);
    }
}
