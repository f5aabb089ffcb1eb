package io.emp.telemetry.agent.context;

/** One open span of an instrumented call: its context, its parent's span id and when it started. */
public final class Span {
    private final SpanContext context;
    private final String parentSpanId;
    private final long startNanos;

    Span(SpanContext context, String parentSpanId, long startNanos) {
        this.context = context;
        this.parentSpanId = parentSpanId;
        this.startNanos = startNanos;
    }

    public SpanContext context() {
        return context;
    }

    public String traceId() {
        return context.traceId();
    }

    public String spanId() {
        return context.spanId();
    }

    /** Null for a root span. */
    public String parentSpanId() {
        return parentSpanId;
    }

    /** Milliseconds since the span was opened, with microsecond precision. */
    public double elapsedMillis() {
        long micros = (System.nanoTime() - startNanos) / 1_000L;
        return micros / 1_000.0;
    }
}
