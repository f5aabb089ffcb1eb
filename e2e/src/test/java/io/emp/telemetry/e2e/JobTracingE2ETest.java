package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.emp.telemetry.e2e.SampleSystem.API;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace per job across the API server and the worker (issue 4, item 3), and the request that
 * created a job keeping the caller's trace, with {@code job.created} linking to it.
 */
class JobTracingE2ETest {
    private static final String HTTP_SERVER_EVENT = "http.server.request";
    /** OpenTelemetry's name for the function an FCALL runs (docs/instrumentations.md). */
    private static final String FUNCTION_NAME = "db.stored_procedure.name";

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static ServiceProcesses processes;
    private static SampleSystem system;

    @BeforeAll
    static void runJobs() {
        processes = new ServiceProcesses(Artifacts.logsDir(JobTracingE2ETest.class));
        system = SampleSystem.start(REDIS.uri(), processes);
    }

    @AfterAll
    static void stopAll() {
        try {
            if (system != null) system.close();
        } finally {
            processes.close();
        }
    }

    @Test
    void everyEventOfAJobIsInTheJobsTraceInBothServices() {
        assertAll(system.allJobs().stream().map(job -> () -> {
            system.awaitTimeline(job);
            String trace = JobTrace.traceId(job);
            List<StoredEvent> events = system.streams.ofJob(job);
            List<StoredEvent> elsewhere = events.stream().filter(e -> !trace.equals(e.event().traceId()))
                    .collect(Collectors.toList());
            assertTrue(elsewhere.isEmpty(), () -> "job " + job + ": every event must be in trace " + trace
                    + " (JobTrace.traceId); these are not:" + EventStreams.describe(elsewhere)
                    + "\nall of the job's events:" + EventStreams.describe(events));
            for (JsonNode m : system.status.of(job)) {
                assertEquals(trace, m.path("traceId").asText(), () -> "status message of job " + job + ": " + m);
            }
        }));
    }

    @Test
    void incomingTraceparentIsContinuedByTheRequestAndLinkedFromJobCreated() {
        system.awaitTimeline(system.tracedJob);
        Await.holdsWithin(Duration.ofSeconds(10), () -> requestEvents().stream()
                .anyMatch(e -> HTTP_SERVER_EVENT.equals(e.type())));
        List<StoredEvent> request = requestEvents();
        String context = "\nthe API's events in the caller's trace " + system.callerTraceId + ":"
                + EventStreams.describe(request)
                + "\nall of the API's events:" + EventStreams.describe(system.streams.ofService(API));

        StoredEvent http = request.stream().filter(e -> HTTP_SERVER_EVENT.equals(e.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + HTTP_SERVER_EVENT + " in the caller's trace" + context));
        assertAll(http + context,
                () -> assertEquals("POST", http.attributeText(Attributes.HTTP_REQUEST_METHOD)),
                () -> assertEquals("201", http.attributeText(Attributes.HTTP_RESPONSE_STATUS_CODE)),
                () -> assertEquals("/jobs", http.attributeText(Attributes.URL_PATH)),
                () -> assertEquals("/jobs/*", http.attributeText(Attributes.HTTP_ROUTE), "the servlet's mapping"),
                () -> assertEquals(system.callerSpanId, http.event().parentSpanId(),
                        "the request's span continues the caller's span"));
        StoredEvent created = system.streams.ofJob(system.tracedJob).stream()
                .filter(e -> "job.created".equals(e.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no job.created for " + system.tracedJob + context));
        // The FCALL inside createJob goes with createJob into the job's trace, as its child (docs/architecture.md,
        // "Trace placement"): in the request's trace its parent would be a span of another trace.
        String jobTrace = JobTrace.traceId(system.tracedJob);
        for (String phase : List.of("redis_function.executing", "redis_function.completed")) {
            assertTrue(system.streams.ofService(API).stream().anyMatch(e -> phase.equals(e.type())
                            && "create_job".equals(e.attributeText(FUNCTION_NAME))
                            && jobTrace.equals(e.event().traceId())
                            && created.event().spanId().equals(e.event().parentSpanId())),
                    () -> "no " + phase + " of create_job in the job's trace under job.created" + context);
            assertTrue(request.stream().noneMatch(e -> phase.equals(e.type())
                            && "create_job".equals(e.attributeText(FUNCTION_NAME))),
                    () -> phase + " of create_job left in the caller's trace" + context);
        }
        // the request's span or one inside it (the createJob call's span is the FCALL's parent)
        Set<String> requestSpans = request.stream()
                .flatMap(e -> Stream.of(e.event().spanId(), e.event().parentSpanId()))
                .filter(id -> id != null && !id.equals(system.callerSpanId)).collect(Collectors.toSet());
        assertAll(created + context,
                () -> assertEquals(JobTrace.traceId(system.tracedJob), created.event().traceId(), "the job's trace"),
                () -> assertEquals(system.callerTraceId, created.attributeText(Attributes.LINK_TRACE_ID), "link to the request's trace"),
                () -> assertTrue(requestSpans.contains(created.attributeText(Attributes.LINK_SPAN_ID)),
                        () -> "link to a span of the request " + requestSpans));
    }

    /** The API server's events in the trace of the caller that sent the traced job's traceparent. */
    private static List<StoredEvent> requestEvents() {
        return system.streams.ofService(API).stream().filter(e -> system.callerTraceId.equals(e.event().traceId()))
                .collect(Collectors.toList());
    }
}
