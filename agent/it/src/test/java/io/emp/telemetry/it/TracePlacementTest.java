package io.emp.telemetry.it;

import io.emp.telemetry.it.app.placement.PlacementApp;
import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
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

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The trace placement rules of docs/architecture.md, case by case, on what the packaged agent
 * wrote to Redis from a forked JVM ({@code PlacementApp}: a JDK HTTP server, the built-in job and
 * worker rules, Lettuce FCALLs, the facade). Above all: no event's parent span is a span of another
 * trace, and every span's events are in one trace.
 */
class TracePlacementTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String REQUEST_TRACE = PlacementApp.TRACEPARENT.substring(3, 35);
    private static final String REQUEST_PARENT = PlacementApp.TRACEPARENT.substring(36, 52);
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();
    private static RedisEvents redis;

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @BeforeAll
    static void connect() {
        redis = new RedisEvents(REDIS.uri());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        RUNS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void noParentIsASpanOfAnotherTraceAndEachSpanIsInOneTrace(Jdks.Jdk jdk) {
        Run run = run(jdk);
        Map<String, String> traceOfSpan = new HashMap<>();
        for (TelemetryEvent e : run.events) {
            String known = traceOfSpan.putIfAbsent(e.spanId(), e.traceId());
            if (known != null && !known.equals(e.traceId())) {
                fail("span " + e.spanId() + " (" + e.eventType() + ") is in two traces: " + known + ", " + e.traceId());
            }
        }
        for (TelemetryEvent e : run.events) {
            String parentTrace = e.parentSpanId() == null ? null : traceOfSpan.get(e.parentSpanId());
            if (parentTrace != null && !parentTrace.equals(e.traceId())) {
                fail(e.eventType() + " in trace " + e.traceId() + " names parent " + e.parentSpanId()
                        + ", a span of trace " + parentTrace);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void facadeCallOutsideAnySpanIsInTheJobsTrace(Jdks.Jdk jdk) {
        Run run = run(jdk);
        TelemetryEvent standalone = run.one("placement.standalone", e -> true);
        String job = "job-" + run.tag + "-facade";
        assertEquals(JobTrace.traceId(job), standalone.traceId());
        assertEquals(JobTrace.rootSpanId(job), standalone.parentSpanId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jobIdOnReturnInsideARequestMovesTheWholeCallIntoTheJobsTraceLinkedToTheRequest(Jdks.Jdk jdk) {
        Run run = run(jdk);
        String job = run.httpJob();
        TelemetryEvent request = run.one("http.server.request", e -> true);
        assertEquals(REQUEST_TRACE, request.traceId(), "the request continues the incoming traceparent");
        assertEquals(REQUEST_PARENT, request.parentSpanId());

        TelemetryEvent created = run.one("job.created", e -> job.equals(e.jobId()));
        assertEquals(JobTrace.traceId(job), created.traceId());
        assertEquals(JobTrace.rootSpanId(job), created.parentSpanId());
        assertEquals(REQUEST_TRACE, created.data().get(Attributes.LINK_TRACE_ID), "the job links to the request");
        assertEquals(request.spanId(), created.data().get(Attributes.LINK_SPAN_ID));

        TelemetryEvent storeCall = run.one("redis_function.completed", e -> created.spanId().equals(e.parentSpanId()));
        assertEquals(created.traceId(), storeCall.traceId(), "the FCALL inside createJob moved with it");
        TelemetryEvent ownCall = run.one("redis_function.completed", e -> request.spanId().equals(e.parentSpanId()));
        assertEquals(REQUEST_TRACE, ownCall.traceId(), "the request's own FCALL stays in the request's trace");

        TelemetryEvent accepted = run.one("placement.accepted", e -> true);
        assertEquals(JobTrace.traceId(job), accepted.traceId(), "a facade job event inside the request");
        assertEquals(JobTrace.rootSpanId(job), accepted.parentSpanId());
        assertEquals(request.spanId(), accepted.data().get(Attributes.LINK_SPAN_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jobIdOnReturnInAWorkerPlacesTheClaimAndItsFcallInTheJobsTrace(Jdks.Jdk jdk) {
        Run run = run(jdk);
        String job = run.httpJob();
        TelemetryEvent claimed = run.one("job.claimed", e -> job.equals(e.jobId()));
        assertEquals(JobTrace.traceId(job), claimed.traceId());
        assertEquals(JobTrace.rootSpanId(job), claimed.parentSpanId());
        assertNull(claimed.data().get(Attributes.LINK_TRACE_ID), "claimed outside any span: nothing to link to");
        TelemetryEvent claimCall = run.one("redis_function.completed", e -> claimed.spanId().equals(e.parentSpanId()));
        assertEquals(claimed.traceId(), claimCall.traceId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jobIdOnEntryInAWorkerKeepsEverythingInsideInTheJobsTrace(Jdks.Jdk jdk) {
        Run run = run(jdk);
        String job = run.httpJob();
        TelemetryEvent processing = run.one("placement.processing", e -> true);
        TelemetryEvent processed = run.one("placement.processed", e -> true);
        assertEquals(JobTrace.traceId(job), processing.traceId());
        assertEquals(JobTrace.rootSpanId(job), processing.parentSpanId());
        assertEquals(processing.spanId(), processed.spanId());
        assertEquals(processing.traceId(), processed.traceId());
        String process = processing.spanId();
        for (String type : List.of("placement.note", "placement.step_started", "placement.step_done", "job.completed")) {
            TelemetryEvent inside = run.one(type, e -> true);
            assertEquals(processing.traceId(), inside.traceId(), type);
        }
        assertEquals(process, run.one("placement.note", e -> true).parentSpanId(), "facade event: child of the call");
        assertEquals(process, run.one("placement.step_done", e -> true).parentSpanId(), "nested rule: a child");
        assertEquals(process, run.one("job.completed", e -> job.equals(e.jobId())).parentSpanId(),
                "nested rule about the same job: a child");
        TelemetryEvent fcall = run.one("redis_function.completed", e -> process.equals(e.parentSpanId()));
        assertEquals(processing.traceId(), fcall.traceId(), "FCALL inside a worker's job");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void nestedRuleAboutAnotherJobGoesToThatJobsTraceLinkedToTheCaller(Jdks.Jdk jdk) {
        Run run = run(jdk);
        String child = run.httpJob() + "-child";
        TelemetryEvent processing = run.one("placement.processing", e -> true);
        TelemetryEvent created = run.one("job.created", e -> child.equals(e.jobId()));
        assertEquals(JobTrace.traceId(child), created.traceId());
        assertEquals(JobTrace.rootSpanId(child), created.parentSpanId());
        assertEquals(processing.traceId(), created.data().get(Attributes.LINK_TRACE_ID));
        assertEquals(processing.spanId(), created.data().get(Attributes.LINK_SPAN_ID));
        TelemetryEvent fcall = run.one("redis_function.completed", e -> created.spanId().equals(e.parentSpanId()));
        assertEquals(created.traceId(), fcall.traceId());
    }

    private static Run run(Jdks.Jdk jdk) {
        Run run = RUNS.computeIfAbsent(jdk.name, n -> Run.start(jdk));
        assertEquals(0, run.result.exitCode, run.result::toString);
        assertTrue(run.result.stdout.contains("PLACEMENT-APP-DONE"), run.result::toString);
        return run;
    }

    /** One run of PlacementApp and every event it left (streams, lifecycle excluded). */
    static final class Run {
        final String tag;
        final JvmRun.Result result;
        final List<TelemetryEvent> events;

        private Run(String tag, JvmRun.Result result, List<TelemetryEvent> events) {
            this.tag = tag;
            this.result = result;
            this.events = events;
        }

        String httpJob() {
            return "job-" + tag + "-http";
        }

        TelemetryEvent one(String type, Predicate<TelemetryEvent> which) {
            List<TelemetryEvent> found = events.stream().filter(e -> e.eventType().equals(type)).filter(which)
                    .collect(Collectors.toList());
            assertEquals(1, found.size(), () -> type + " in " + events);
            return found.get(0);
        }

        static Run start(Jdks.Jdk jdk) {
            try {
                Path rules = Paths.get(System.getProperty("it.rules.dir"));
                String service = "placement-app-" + jdk.tag();
                JvmRun app = JvmRun.on(jdk).classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class));
                // the application's own Lettuce and what it needs, as this test has them
                for (Class<?> library : List.of(io.lettuce.core.RedisClient.class, io.netty.util.Version.class,
                        io.netty.buffer.ByteBuf.class, io.netty.channel.Channel.class, io.netty.handler.ssl.SslContext.class,
                        io.netty.handler.codec.ByteToMessageDecoder.class, io.netty.resolver.AddressResolver.class,
                        io.netty.channel.unix.Socket.class, io.netty.resolver.dns.DnsCnameCache.class,
                        io.netty.handler.codec.dns.DnsRecord.class, reactor.core.publisher.Flux.class,
                        org.reactivestreams.Publisher.class, redis.clients.authentication.core.TokenListener.class)) {
                    app.classpath(JvmRun.jarOf(library));
                }
                JvmRun.Result result = app
                        .timeoutSeconds(300) // Lettuce and Netty: some 1 500 classes loaded and matched
                        .env("EMP_REDIS_URL", REDIS.uri())
                        .env("EMP_SERVICE_NAME", service)
                        .env("EMP_RULES", rules.resolve("placement.yaml").toString())
                        .run(PlacementApp.class.getName(), jdk.tag(), REDIS.uri());
                return new Run(jdk.tag(), result, redis.all(service));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
