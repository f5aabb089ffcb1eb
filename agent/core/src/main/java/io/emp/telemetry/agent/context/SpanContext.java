package io.emp.telemetry.agent.context;

/** The identity of one span: W3C trace id (32 hex), span id (16 hex) and the sampled flag. Immutable. */
public final class SpanContext {
    private final String traceId;
    private final String spanId;
    private final boolean sampled;

    public SpanContext(String traceId, String spanId, boolean sampled) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.sampled = sampled;
    }

    /** Null unless both ids are valid W3C ids. */
    public static SpanContext ofValid(String traceId, String spanId, boolean sampled) {
        if (!TraceIds.isValidTraceId(traceId) || !TraceIds.isValidSpanId(spanId)) return null;
        return new SpanContext(traceId, spanId, sampled);
    }

    public String traceId() {
        return traceId;
    }

    public String spanId() {
        return spanId;
    }

    public boolean sampled() {
        return sampled;
    }

    @Override
    public String toString() {
        return TraceParent.format(this);
    }
}
