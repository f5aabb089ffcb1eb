package io.emp.telemetry.agent.context;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpansTest {
    @AfterEach
    void nothingLeftOpen() {
        while (Spans.current() != null) Spans.close(Spans.current());
    }

    @Test
    void rootSpanStartsANewValidTrace() {
        Span root = Spans.open(SpansTest.class);
        assertNull(root.parentSpanId());
        assertTrue(TraceIds.isValidTraceId(root.traceId()));
        assertTrue(TraceIds.isValidSpanId(root.spanId()));
        assertSame(root, Spans.current());
        Spans.close(root);
        assertNull(Spans.current());
    }

    @Test
    void nestedSpanIsAChildInTheSameTrace() {
        Span outer = Spans.open(SpansTest.class);
        Span inner = Spans.open(SpansTest.class);
        assertEquals(outer.traceId(), inner.traceId());
        assertEquals(outer.spanId(), inner.parentSpanId());
        assertNotEquals(outer.spanId(), inner.spanId());
        Spans.close(inner);
        assertSame(outer, Spans.current());
    }

    @Test
    void aRootCallAboutAJobJoinsTheJobsTrace() {
        Span span = Spans.open(SpansTest.class, "job-42");
        assertEquals(io.emp.telemetry.schema.JobTrace.traceId("job-42"), span.traceId());
        assertEquals(io.emp.telemetry.schema.JobTrace.rootSpanId("job-42"), span.parentSpanId());
        Span same = Spans.open(SpansTest.class, "job-42");
        assertEquals(span.traceId(), same.traceId(), "inside its own job's trace a call is a plain child");
        assertEquals(span.spanId(), same.parentSpanId());
        assertNull(same.link());
        Span other = Spans.open(SpansTest.class, "job-other");
        assertEquals(io.emp.telemetry.schema.JobTrace.traceId("job-other"), other.traceId(),
                "a call about another job goes to that job's trace");
        assertEquals(io.emp.telemetry.schema.JobTrace.rootSpanId("job-other"), other.parentSpanId());
        assertEquals(same.spanId(), other.link().spanId(), "linking to where it was called from");
        assertEquals(span.traceId(), other.link().traceId());
    }

    @Test
    void aRemoteParentWinsOverTheCurrentSpan() {
        Span local = Spans.open(SpansTest.class);
        SpanContext remote = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        Span child = Spans.openChildOf(remote);
        assertEquals(remote.traceId(), child.traceId());
        assertEquals(remote.spanId(), child.parentSpanId());
        assertSame(child, Spans.current());
        Spans.close(child);
        assertSame(local, Spans.current());
    }

    @Test
    void closingAnOuterSpanDiscardsInnerSpansWhoseExitWasLost() {
        Span outer = Spans.open(SpansTest.class);
        Spans.open(SpansTest.class);
        Spans.close(outer);
        assertNull(Spans.current());
    }

    @Test
    void depthIsBounded() {
        Span first = Spans.open(SpansTest.class);
        Span last = first;
        for (int i = 0; i < Spans.MAX_DEPTH + 50; i++) last = Spans.open(SpansTest.class);
        assertEquals(first.traceId(), last.traceId(), "deep calls still join the trace");
        Spans.close(first);
        assertNull(Spans.current());
    }

    @Test
    void withoutOpenTelemetryOnTheClassPathThereIsNoOuterContext() {
        assertNull(Spans.currentContext(SpansTest.class));
        assertNull(Spans.currentContext(null));
    }

    @Test
    void idsAreRandomAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String trace = TraceIds.newTraceId();
            assertTrue(trace.matches("[0-9a-f]{32}"), trace);
            assertTrue(TraceIds.newSpanId().matches("[0-9a-f]{16}"));
            assertTrue(seen.add(trace));
        }
    }
}
