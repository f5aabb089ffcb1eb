package io.emp.telemetry.agent.context;

import java.util.ArrayDeque;

/**
 * The per-thread stack of open spans. An instrumented call opens a span on entry and closes it on
 * exit, so the events of instrumented calls it makes are its children. Where a span without an
 * enclosing agent span goes, in order: into the application's current OpenTelemetry span; for a
 * call about a job, into the job's own trace ({@code JobTrace}: derived from the job id, so the API,
 * the worker and the connector agree without passing anything along); else a new random trace.
 * <p>
 * Memory is bounded: one small deque per thread that ever ran instrumented code, and at most
 * {@link #MAX_DEPTH} spans in it (deeper calls still get a span, they just do not become parents).
 */
public final class Spans {
    static final int MAX_DEPTH = 128;
    private static final ThreadLocal<ArrayDeque<Span>> STACK = ThreadLocal.withInitial(() -> new ArrayDeque<>(8));

    private Spans() {
    }

    /** The innermost open span of this thread, or {@code null}. */
    public static Span current() {
        return STACK.get().peek();
    }

    /**
     * The context new events on this thread belong to: the innermost agent span, else the
     * application's current OpenTelemetry span (looked up through {@code origin}'s class loader).
     */
    public static SpanContext currentContext(Class<?> origin) {
        Span span = current();
        if (span != null) return span.context();
        return OpenTelemetryContext.current(origin);
    }

    /** Opens a child of the current context (or a root of a new trace) and makes it current. */
    public static Span open(Class<?> origin) {
        return open(origin, null);
    }

    /** As {@link #open(Class)}; without an enclosing context, a call about {@code jobId} joins the job's trace. */
    public static Span open(Class<?> origin, String jobId) {
        SpanContext parent = currentContext(origin);
        if (parent == null && jobId != null && !jobId.isEmpty()) {
            parent = JobTraces.parentFor(jobId);
        }
        Span span = parent == null
                ? new Span(new SpanContext(TraceIds.newTraceId(), TraceIds.newSpanId(), true), null, System.nanoTime())
                : new Span(new SpanContext(parent.traceId(), TraceIds.newSpanId(), parent.sampled()),
                        parent.spanId(), System.nanoTime());
        push(span);
        return span;
    }

    /**
     * Opens a child of a REMOTE parent (an incoming {@code traceparent}, a message's context) and makes
     * it current: the remote context wins over whatever is current on this thread.
     */
    public static Span openChildOf(SpanContext remote) {
        Span span = new Span(new SpanContext(remote.traceId(), TraceIds.newSpanId(), remote.sampled()),
                remote.spanId(), System.nanoTime());
        push(span);
        return span;
    }

    private static void push(Span span) {
        ArrayDeque<Span> stack = STACK.get();
        if (stack.size() < MAX_DEPTH) stack.push(span);
    }

    /**
     * Closes {@code span}. Spans opened above it and never closed (their exit advice did not run)
     * are discarded with it, so a lost exit cannot leave the thread's context wrong for good.
     */
    public static void close(Span span) {
        ArrayDeque<Span> stack = STACK.get();
        if (!stack.contains(span)) return;
        while (!stack.isEmpty()) {
            if (stack.pop() == span) return;
        }
    }
}
