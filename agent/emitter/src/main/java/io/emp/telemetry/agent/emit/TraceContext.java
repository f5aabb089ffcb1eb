package io.emp.telemetry.agent.emit;

/** The trace position an event is recorded in: the current trace and span (and that span's parent). */
public final class TraceContext {
    private final String traceId;
    private final String spanId;
    private final String parentSpanId;

    private TraceContext(String traceId, String spanId, String parentSpanId) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.parentSpanId = parentSpanId;
    }

    /** {@code traceId}: 32 hex; {@code spanId}: 16 hex, the span that is current; {@code parentSpanId} may be null. */
    public static TraceContext of(String traceId, String spanId, String parentSpanId) {
        return new TraceContext(traceId, spanId, parentSpanId);
    }

    public String traceId() { return traceId; }
    public String spanId() { return spanId; }
    public String parentSpanId() { return parentSpanId; }
}
