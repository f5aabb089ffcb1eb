package io.emp.telemetry.agent.context;

import java.util.ArrayDeque;

/**
 * The per-thread stack of open spans. An instrumented call opens a span on entry and closes it on
 * exit, so the events of instrumented calls it makes are its children. A root span continues the
 * application's OpenTelemetry span when there is one, else starts a new trace.
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
        SpanContext parent = currentContext(origin);
        Span span = parent == null
                ? new Span(new SpanContext(TraceIds.newTraceId(), TraceIds.newSpanId(), true), null, System.nanoTime())
                : new Span(new SpanContext(parent.traceId(), TraceIds.newSpanId(), parent.sampled()),
                        parent.spanId(), System.nanoTime());
        ArrayDeque<Span> stack = STACK.get();
        if (stack.size() < MAX_DEPTH) stack.push(span);
        return span;
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
