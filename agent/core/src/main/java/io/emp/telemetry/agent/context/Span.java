package io.emp.telemetry.agent.context;

/**
 * One open span of an instrumented call: its ids, its parent's span id and when it started.
 * <p>
 * A span's place (trace id, parent) is decided once. Most spans know it when they open. A span
 * whose call may name its job only on return is <em>pending</em> ({@link PendingPlacement}): it
 * and the spans opened inside it hold their events until it ends, and then all of them land in the
 * same trace, the job's or the caller's. After that the place never changes.
 */
public final class Span {
    private final String spanId;
    private final boolean sampled;
    private final long startNanos;
    /** Trace and parent when the span is not in a pending group (for a group's root: before it moves). */
    private final String ownTraceId;
    private final String parentSpanId;
    /** Where a span opened in a job's trace from another trace came from, else {@code null}. */
    private final SpanContext fixedLink;
    /** The pending group this span belongs to, or {@code null} when its place is fixed. */
    final PendingPlacement group;

    Span(String ownTraceId, String spanId, String parentSpanId, boolean sampled, SpanContext fixedLink,
         PendingPlacement group) {
        this.ownTraceId = ownTraceId;
        this.spanId = spanId;
        this.parentSpanId = parentSpanId;
        this.sampled = sampled;
        this.fixedLink = fixedLink;
        this.group = group;
        this.startNanos = System.nanoTime();
    }

    /** The trace this span is in now; final once the span's placement is settled. */
    public String traceId() {
        return group == null ? ownTraceId : group.traceId();
    }

    public String spanId() {
        return spanId;
    }

    /** Null for a root span. For a pending group's root that moved into a job's trace: the job's root span. */
    public String parentSpanId() {
        SpanContext moved = movedTo();
        return moved != null ? moved.spanId() : parentSpanId;
    }

    /**
     * The span this one links to: where it came from when it was placed in a job's trace from
     * another trace (the request that created the job), else {@code null}.
     */
    public SpanContext link() {
        return movedTo() != null ? group.origin() : fixedLink;
    }

    private SpanContext movedTo() {
        return group != null && group.root == this ? group.moved() : null;
    }

    public boolean sampled() {
        return sampled;
    }

    /** The span's current ids as a context (for {@code traceparent}). */
    public SpanContext context() {
        return new SpanContext(traceId(), spanId, sampled);
    }

    /** Milliseconds since the span was opened, with microsecond precision. */
    public double elapsedMillis() {
        long micros = (System.nanoTime() - startNanos) / 1_000L;
        return micros / 1_000.0;
    }
}
