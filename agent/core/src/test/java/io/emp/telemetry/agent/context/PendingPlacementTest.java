package io.emp.telemetry.agent.context;

import io.emp.telemetry.schema.JobTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A call that names its job only on return: held, then placed once for all its events. */
class PendingPlacementTest {
    private final List<String> released = new ArrayList<>();

    @AfterEach
    void nothingLeftOpen() {
        while (Spans.current() != null) Spans.close(Spans.current());
    }

    /** What AgentRuntime does with an event: hold it, or place it now; records "trace/span/parent". */
    private void emit(Span span) {
        Runnable place = () -> released.add(span.traceId() + "/" + span.spanId() + "/" + span.parentSpanId());
        if (!Spans.holdUntilPlaced(span, place)) place.run();
    }

    @Test
    void aCallThatReturnsAJobMovesIntoTheJobsTraceWithEverythingInsideIt() {
        Span request = Spans.open(PendingPlacementTest.class);
        Span create = Spans.openPending(PendingPlacementTest.class);
        emit(create); // createJob.started
        Span fcall = Spans.open(PendingPlacementTest.class);
        emit(fcall);
        Spans.close(fcall);
        assertTrue(released.isEmpty(), "held until the call knows its job");
        Spans.close(create);
        Spans.settle(create, "job-9");
        emit(create); // job.created

        String job = JobTrace.traceId("job-9");
        assertEquals(List.of(
                job + "/" + create.spanId() + "/" + JobTrace.rootSpanId("job-9"),
                job + "/" + fcall.spanId() + "/" + create.spanId(),
                job + "/" + create.spanId() + "/" + JobTrace.rootSpanId("job-9")), released);
        assertEquals(request.traceId(), create.link().traceId(), "the job links to the creating request");
        assertEquals(request.spanId(), create.link().spanId());
        assertEquals(request.traceId(), Spans.current().traceId(), "the request itself stays where it is");
    }

    @Test
    void withoutAJobTheCallStaysWhereItOpened() {
        Span request = Spans.open(PendingPlacementTest.class);
        Span call = Spans.openPending(PendingPlacementTest.class);
        emit(call);
        Spans.close(call);
        Spans.settle(call, null);
        emit(call);
        assertEquals(2, released.size());
        assertTrue(released.get(0).startsWith(request.traceId() + "/" + call.spanId() + "/" + request.spanId()));
        assertNull(call.link());
    }

    @Test
    void nestedPendingCallsFollowTheOuterOneUnlessTheyNameAJob() {
        Span outer = Spans.openPending(PendingPlacementTest.class);
        Span inner = Spans.openPending(PendingPlacementTest.class);
        emit(inner);
        Spans.close(inner);
        Spans.settle(inner, null);
        assertTrue(released.isEmpty(), "an inner call without a job waits for the outer one");
        Span claimed = Spans.openPending(PendingPlacementTest.class);
        emit(claimed);
        Spans.close(claimed);
        Spans.settle(claimed, "job-1");
        assertEquals(List.of(JobTrace.traceId("job-1") + "/" + claimed.spanId() + "/" + JobTrace.rootSpanId("job-1")),
                released, "an inner call that names a job is placed at once, in the job's trace");
        Spans.close(outer);
        Spans.settle(outer, "job-2");
        String job2 = JobTrace.traceId("job-2");
        assertEquals(job2 + "/" + inner.spanId() + "/" + outer.spanId(), released.get(1));
        assertEquals(job2, outer.traceId());
    }

    @Test
    void eventsAfterSettlingUseTheSettledPlace() {
        Span call = Spans.openPending(PendingPlacementTest.class);
        Span async = Spans.open(PendingPlacementTest.class); // a reply that arrives later
        Spans.close(call);
        Spans.settle(call, "job-3");
        emit(async);
        assertEquals(List.of(JobTrace.traceId("job-3") + "/" + async.spanId() + "/" + call.spanId()), released);
    }

    @Test
    void aFullGroupSettlesEarlyWhereItIs() {
        Span call = Spans.openPending(PendingPlacementTest.class);
        String before = call.traceId();
        for (int i = 0; i < PendingPlacement.MAX_HELD; i++) emit(call);
        assertTrue(released.isEmpty());
        emit(call);
        assertEquals(PendingPlacement.MAX_HELD + 1, released.size());
        Spans.settle(call, "job-4");
        assertEquals(before, call.traceId(), "placed once: a job named later does not move it");
        assertFalse(released.stream().anyMatch(r -> !r.startsWith(before)));
    }
}
