package io.emp.telemetry.e2e;

import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.testing.RedisExtension;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.emp.telemetry.e2e.SampleSystem.API;
import static io.emp.telemetry.e2e.SampleSystem.WORKER;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9's acceptance: the sample API server and worker with the agent, the collector exporting OTLP to a receiver
 * that decodes opentelemetry-proto, the jobs of {@link SampleSystem} (one created by a request with an incoming
 * {@code traceparent}, one that fails after a retry). What a backend draws must be whole: no span's parent in
 * another trace, one trace per job, the job's root span linked to the request that created it, and each service's
 * data under its own resource (service.name, service.version from its OTEL_RESOURCE_ATTRIBUTES, host.name, process.pid).
 */
class TraceAcceptanceE2ETest {
    static final Map<String, String> VERSIONS = Map.of(API, "1.2.3-api", WORKER, "4.5.6-worker");

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static ServiceProcesses processes;
    private static SampleSystem system;
    private static OtlpReceiver receiver;
    private static ServiceProcess collector;

    @BeforeAll
    static void runJobsAndExport() throws IOException {
        processes = new ServiceProcesses(Artifacts.logsDir(TraceAcceptanceE2ETest.class));
        receiver = new OtlpReceiver();
        system = SampleSystem.start(REDIS.uri(), processes, launch -> launch.withEnvironment(Map.of(
                "OTEL_RESOURCE_ATTRIBUTES", "service.version=" + VERSIONS.get(launch.name()) + ",deployment.environment.name=e2e")));
        system.allJobs().forEach(system::awaitTimeline);
        collector = processes.start(Launch.collectorOtlp(REDIS.uri(), receiver.endpoint()));
        Await.until(Duration.ofSeconds(90), () -> system.allJobs().stream().allMatch(job -> jobSpan(job) != null),
                () -> "the collector did not export every job's span; spans: " + receiver.spans() + collector.logs());
        // Exit spans of the same entries come in the same batches; give the last batch time to arrive.
        Await.until(Duration.ofSeconds(30), () -> receiver.logs().size() >= storedEntries(),
                () -> "logs " + receiver.logs().size() + " < entries " + storedEntries() + collector.logs());
    }

    @AfterAll
    static void stopAll() {
        try {
            if (system != null) system.close();
        } finally {
            processes.close();
            if (receiver != null) receiver.close();
        }
    }

    private static long storedEntries() {
        return system.streams.redis().xlen("emp:events") + system.streams.redis().xlen("emp:errors");
    }

    private static OtlpReceiver.ReceivedSpan jobSpan(String job) {
        String trace = JobTrace.traceId(job);
        String root = JobTrace.rootSpanId(job);
        return receiver.spans().stream().filter(s -> s.traceId().equals(trace) && s.spanId().equals(root)).findFirst().orElse(null);
    }

    @Test
    void noSpanHasItsParentInAnotherTrace() {
        List<OtlpReceiver.ReceivedSpan> spans = receiver.spans();
        Map<String, String> traceOfSpan = new HashMap<>();
        for (OtlpReceiver.ReceivedSpan s : spans) traceOfSpan.put(s.spanId(), s.traceId());
        List<String> orphans = spans.stream()
                .filter(s -> s.parentSpanId() != null && traceOfSpan.containsKey(s.parentSpanId())
                        && !traceOfSpan.get(s.parentSpanId()).equals(s.traceId()))
                .map(s -> s + " has parent " + s.parentSpanId() + " in trace " + traceOfSpan.get(s.parentSpanId()))
                .toList();
        assertTrue(orphans.isEmpty(), "spans whose parent is in another trace (a backend shows them as orphans):\n"
                + String.join("\n", orphans));
        assertTrue(spans.size() > system.allJobs().size(), "more than the job spans were exported: " + spans);
    }

    @Test
    void allSpansOfAJobShareOneTraceId() {
        for (String job : system.allJobs()) {
            List<OtlpReceiver.ReceivedSpan> ofJob = receiver.spans().stream().filter(s -> job.equals(s.attr("emp.job.id"))).toList();
            assertFalse(ofJob.isEmpty(), "spans of job " + job);
            assertEquals(Map.of(JobTrace.traceId(job), (long) ofJob.size()),
                    ofJob.stream().collect(Collectors.groupingBy(OtlpReceiver.ReceivedSpan::traceId, Collectors.counting())),
                    "job " + job + ": " + ofJob);
        }
        OtlpReceiver.ReceivedSpan flaky = jobSpan(system.flakyJob);
        assertEquals(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR, flaky.span().getStatus().getCode(),
                "the job that failed after its retry: " + flaky.span());
        long failedAttempts = receiver.spans().stream().filter(s -> system.flakyJob.equals(s.attr("emp.job.id"))
                && s.span().getEventsList().stream().anyMatch(e -> e.getName().equals("exception"))).count();
        assertEquals(2, failedAttempts, "both failed attempts carry an exception event");
    }

    @Test
    void theJobsRootSpanLinksToTheRequestThatCreatedIt() {
        OtlpReceiver.ReceivedSpan request = receiver.spans().stream()
                .filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER && s.traceId().equals(system.callerTraceId))
                .findFirst().orElseThrow(() -> new AssertionError("the POST /jobs request continuing the caller's trace "
                        + system.callerTraceId + "; spans: " + receiver.spans()));
        assertEquals(system.callerSpanId, request.parentSpanId(), "the request's parent is the caller's span");
        OtlpReceiver.ReceivedSpan job = jobSpan(system.tracedJob);
        assertNotNull(job);
        assertTrue(job.parentSpanId() == null, "the job's root span has no parent: " + job);
        assertTrue(job.span().getLinksList().stream().anyMatch(l -> hex(l.getTraceId().toByteArray()).equals(request.traceId())
                        && hex(l.getSpanId().toByteArray()).equals(request.spanId())),
                "job root span " + job + " links to " + request + "; links: " + job.span().getLinksList());
    }

    @Test
    void eachServicesDataCarriesItsOwnResource() {
        for (String service : List.of(API, WORKER)) {
            List<OtlpReceiver.ReceivedSpan> spans = receiver.spans().stream()
                    .filter(s -> service.equals(s.resourceAttr("service.name"))).toList();
            List<OtlpReceiver.ReceivedLog> logs = receiver.logs().stream()
                    .filter(l -> service.equals(l.resourceAttr("service.name"))).toList();
            assertFalse(spans.isEmpty(), "spans of " + service);
            assertFalse(logs.isEmpty(), "logs of " + service);
            for (OtlpReceiver.ReceivedSpan s : spans) {
                assertAll(service + " span " + s,
                        () -> assertEquals(VERSIONS.get(service), s.resourceAttr("service.version")),
                        () -> assertNotNull(s.resourceAttr("host.name")),
                        () -> assertNotNull(s.resourceAttr("process.pid")));
            }
            for (OtlpReceiver.ReceivedLog l : logs) {
                assertAll(service + " log " + l.record().getEventName(),
                        () -> assertEquals(VERSIONS.get(service), l.resourceAttr("service.version")),
                        () -> assertNotNull(l.resourceAttr("host.name")),
                        () -> assertNotNull(l.resourceAttr("process.pid")));
            }
        }
        String apiPid = receiver.spans().stream().filter(s -> API.equals(s.resourceAttr("service.name")))
                .map(s -> s.resourceAttr("process.pid")).findFirst().orElseThrow();
        String workerPid = receiver.spans().stream().filter(s -> WORKER.equals(s.resourceAttr("service.name")))
                .map(s -> s.resourceAttr("process.pid")).findFirst().orElseThrow();
        assertFalse(apiPid.equals(workerPid), "each process's own pid");
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
