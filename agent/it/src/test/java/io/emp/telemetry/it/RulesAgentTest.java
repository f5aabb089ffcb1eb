package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.PubSubRecorder;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static io.emp.telemetry.it.harness.RedisEvents.ofType;
import static io.emp.telemetry.it.harness.RedisEvents.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test application {@code RulesApp} runs once per JDK (a real JVM with {@code -javaagent},
 * user rules {@code good.yaml} and {@code broken.yaml}) against a real Redis; each test checks
 * one scenario in the events it left on the streams and on Pub/Sub.
 */
class RulesAgentTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final Map<String, AppRun> RUNS = new ConcurrentHashMap<>();
    private static RedisEvents redis;
    private static PubSubRecorder pubsub;

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @BeforeAll
    static void connect() {
        redis = new RedisEvents(REDIS.uri());
        pubsub = new PubSubRecorder(REDIS.uri(), "job:*:status");
    }

    @AfterAll
    static void disconnect() {
        pubsub.close();
        redis.close();
        RUNS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void applicationRunsToTheEndWithTheAgentStarted(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        assertEquals(0, run.result.exitCode, run.result::toString);
        assertTrue(run.result.stdout.contains("RULES-APP-DONE"), run.result::toString);
        assertTrue(run.result.stderr.contains("[emp-telemetry] INFO agent: started"), run.result::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void ruleByExactTypeNameEmitsEntryAndReturnEventsInOneSpan(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        TelemetryEvent placing = run.job("order.placing", 1);
        TelemetryEvent placed = run.job("order.placed", 1);
        assertEquals(placing.spanId(), placed.spanId());
        assertEquals(placing.traceId(), placed.traceId());
        assertTrue(placing.traceId().matches("[0-9a-f]{32}") && placing.spanId().matches("[0-9a-f]{16}"));
        assertNull(placing.data().get(Attributes.DURATION_MS), "entry events have no duration");
        assertTrue(((Number) placed.data().get(Attributes.DURATION_MS)).doubleValue() >= 0);
        assertEquals(run.service, placed.service());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exceptionEventGoesToTheErrorsStreamWithErrorAndDuration(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        TelemetryEvent failed = one(run.errors, "order.failed");
        assertEquals("job-" + run.tag + "-2", failed.jobId());
        assertEquals("java.lang.IllegalStateException", failed.errorType());
        assertTrue(failed.errorMessage().contains("card declined"), failed.errorMessage());
        assertTrue(failed.errorStack().contains("OrderService.failOrder"), failed.errorStack());
        assertNotNull(failed.data().get(Attributes.DURATION_MS));
        assertTrue(ofType(run.events, "order.failed").isEmpty(), "errors are not on emp:events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attributesFromNestedPathsWithSecretsRedacted(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        Map<String, Object> data = run.job("order.placing", 1).data();
        assertEquals("sdxl", data.get("model"));
        assertEquals("ada", data.get("owner"));
        assertEquals("image.resize:job-" + run.tag + "-1", data.get("summary"));
        assertEquals("[REDACTED]", data.get("apiKey"));
        assertFalse(run.events.toString().contains("sk-live-123"), "the secret is nowhere in the events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void instrumentedGetterCalledByTheAgentItselfDoesNotEmit(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        // the app calls getSummary() once; the agent calls it three more times evaluating args[0].summary
        assertEquals(1, ofType(run.events, "job.summary_read").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void nestedInstrumentedCallIsAChildSpan(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        TelemetryEvent order = run.job("order.placing", 1);
        TelemetryEvent charge = run.job("payment.charged", 1);
        String jobId = "job-" + run.tag + "-1";
        assertEquals(JobTrace.traceId(jobId), order.traceId(), "a root call about a job is in the job's trace");
        assertEquals(JobTrace.rootSpanId(jobId), order.parentSpanId());
        assertEquals(order.traceId(), charge.traceId());
        assertEquals(order.spanId(), charge.parentSpanId());
        assertNotEquals(order.spanId(), charge.spanId());
        assertEquals(1299L, ((Number) charge.data().get("cents")).longValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void ruleByIndirectInterface(Jdks.Jdk jdk) throws Exception {
        TelemetryEvent handled = one(run(jdk).events, "processor.handled");
        assertEquals("cat.png", handled.data().get("input"));
        assertEquals("cat.png@512", handled.data().get("output"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void ruleByTypeAnnotation(Jdks.Jdk jdk) throws Exception {
        TelemetryEvent report = one(run(jdk).events, "report.generated");
        assertEquals(21L, ((Number) report.data().get("rows")).longValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void ruleByMethodAnnotation(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        TelemetryEvent archived = one(run.events, "report.archived");
        assertEquals(42L, ((Number) archived.data().get("rows")).longValue());
        // run() is matched by two rules (report.generated, report.starting): each opens a span of its own
        Set<String> runSpans = Set.of(one(run.events, "report.generated").spanId(),
                one(run.events, "report.starting").spanId());
        assertTrue(runSpans.contains(archived.parentSpanId()), "called from run(): a child span");
        assertEquals(one(run.events, "report.generated").traceId(), archived.traceId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void pubSubRulePublishesAndNeverWritesAStream(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        List<String> messages = pubsub.on("job:job-" + run.tag + "-1:status");
        assertEquals(1, messages.size(), () -> "messages: " + messages);
        String message = messages.get(0);
        assertTrue(message.contains("\"eventType\":\"job.progress_updated\""), message);
        assertTrue(message.contains("\"jobId\":\"job-" + run.tag + "-1\""), message);
        assertTrue(message.contains("\"progress\":42"), message);
        assertTrue(message.contains("\"traceId\":\""), message);
        assertTrue(ofType(run.events, "job.progress_updated").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void samplingKeepsAboutTheConfiguredShare(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        int half = ofType(run.events, "sample.half").size();
        assertTrue(half > 100 && half < 300, "probability 0.5 of 400 calls kept " + half);
        assertEquals(0, ofType(run.events, "sample.never").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void telemetryEventAnnotationOnAClassMethod(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        TelemetryEvent started = run.job("billing.invoice.started", 3);
        TelemetryEvent completed = run.job("billing.invoice.completed", 3);
        assertEquals(500L, ((Number) started.data().get("amount")).longValue());
        assertEquals("[REDACTED]", started.data().get("password"));
        assertEquals(started.spanId(), completed.spanId());
        assertNotNull(completed.data().get(Attributes.DURATION_MS));
        TelemetryEvent failed = one(run.errors, "billing.invoice_failed");
        assertEquals("job-" + run.tag + "-4", failed.jobId());
        assertEquals("java.lang.IllegalArgumentException", failed.errorType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void telemetryEventAnnotationOnInterfaceMethods(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        TelemetryEvent notify = one(run.events, "notify.send.started");
        assertEquals("ops@example.com", notify.data().get("recipient"));
        assertNull(notify.parentSpanId(), "a root call about no job starts a trace of its own");
        assertNotNull(one(run.events, "notify.send.completed").data().get(Attributes.DURATION_MS));
        // generic interface Handler<T>: the String implementation (not its bridge method) is instrumented, once
        assertEquals("abc", one(run.events, "handler.handle.started").data().get("item"));
        one(run.events, "handler.handle.completed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void facadeIsBoundToTheAgentAndJoinsTheCurrentSpan(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        assertTrue(run.result.stdout.contains("backend-calls=0"), "the agent took every call: " + run.result.stdout);
        TelemetryEvent invoice = run.job("billing.invoice.started", 3);
        TelemetryEvent note = one(run.events, "billing.note");
        assertEquals("job-" + run.tag + "-3", note.jobId());
        assertEquals(invoice.traceId(), note.traceId());
        assertEquals(invoice.spanId(), note.parentSpanId());
        TelemetryEvent standalone = one(run.events, "facade.standalone");
        assertEquals("v", standalone.data().get("k"));
        assertEquals("[REDACTED]", standalone.data().get("apiKey"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void classInAnIsolatedClassLoaderIsInstrumented(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        assertTrue(run.result.stdout.contains("isolated: done-job-" + run.tag + "-5"), run.result::toString);
        TelemetryEvent started = run.job("isolated.started", 5);
        TelemetryEvent facade = one(run.events, "isolated.facade");
        assertEquals(started.spanId(), facade.parentSpanId(), "its own copy of the facade is bound too");
        run.job("isolated.completed", 5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void continuesTheApplicationsOpenTelemetryTrace(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        TelemetryEvent placing = ofType(run.events, "order.placing").stream()
                .filter(e -> ("job-" + run.tag + "-otel").equals(e.jobId())).findFirst().orElseThrow();
        // A job's events always live in the job's trace; the application's OpenTelemetry span they
        // were made in is kept as the link (issue 4: one trace per job across services).
        assertEquals(JobTrace.traceId("job-" + run.tag + "-otel"), placing.traceId());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", placing.data().get(Attributes.LINK_TRACE_ID));
        assertEquals("00f067aa0ba902b7", placing.data().get(Attributes.LINK_SPAN_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void brokenRuleFileIsReportedWithFileAndLineAndTheGoodRulesStillFire(Jdks.Jdk jdk) throws Exception {
        AppRun run = run(jdk);
        String broken = Paths.get(System.getProperty("it.rules.dir"), "broken.yaml").toString();
        assertTrue(run.result.stderr.contains("[emp-telemetry] WARN rules: " + broken + ":6:"), run.result.stderr);
        assertTrue(run.result.stderr.contains("[emp-telemetry] WARN rules: " + broken + ":9:"), run.result.stderr);
        one(run.events, "report.starting");
        assertTrue(ofType(run.events, "broken.one").isEmpty() && ofType(run.events, "broken.two").isEmpty());
    }

    private static AppRun run(Jdks.Jdk jdk) {
        return RUNS.computeIfAbsent(jdk.name, n -> AppRun.start(jdk));
    }

    /** One run of RulesApp and what it left in Redis. */
    static final class AppRun {
        final String tag;
        final String service;
        final JvmRun.Result result;
        final List<TelemetryEvent> events;
        final List<TelemetryEvent> errors;

        private AppRun(String tag, String service, JvmRun.Result result) {
            this.tag = tag;
            this.service = service;
            this.result = result;
            this.events = redis.events(service);
            this.errors = redis.errors(service);
        }

        static AppRun start(Jdks.Jdk jdk) {
            try {
                Path rules = Paths.get(System.getProperty("it.rules.dir"));
                Path api = JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class);
                String service = "rules-app-" + jdk.tag();
                JvmRun.Result result = JvmRun.on(jdk)
                        .classpath(api)
                        .classpath(JvmRun.jarOf(io.opentelemetry.api.trace.Span.class))
                        .classpath(JvmRun.jarOf(io.opentelemetry.context.Context.class))
                        .classpath(JvmRun.jarOf(io.opentelemetry.common.ComponentLoader.class))
                        .jvmArg("-Dit.isolated.classpath=" + JvmRun.testClasses() + File.pathSeparator + api)
                        .env("EMP_REDIS_URL", REDIS.uri())
                        .env("EMP_SERVICE_NAME", service)
                        .env("EMP_RULES", rules.resolve("good.yaml") + "," + rules.resolve("broken.yaml"))
                        .run("io.emp.telemetry.it.app.RulesApp", jdk.tag());
                return new AppRun(jdk.tag(), service, result);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The one event of {@code type} for job number {@code n} of this run. */
        TelemetryEvent job(String type, int n) {
            String jobId = "job-" + tag + "-" + n;
            List<TelemetryEvent> found = ofType(events, type);
            found.removeIf(e -> !jobId.equals(e.jobId()));
            assertEquals(1, found.size(), () -> type + " for " + jobId + " in " + events);
            return found.get(0);
        }
    }
}
