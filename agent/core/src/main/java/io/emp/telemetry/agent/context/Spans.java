package io.emp.telemetry.agent.context;

import java.util.ArrayDeque;

/**
 * The per-thread stack of open spans, and where each new span goes. An instrumented call opens a
 * span on entry and closes it on exit, so the events of instrumented calls it makes are its
 * children. The placement rules (docs/architecture.md, "Trace placement"):
 * <ol>
 *   <li>a span is a child of the enclosing context: the innermost agent span on the thread, else
 *       the application's current OpenTelemetry span, else it is the root of a new trace;</li>
 *   <li>except a call that names its job on entry ({@link #open(Class, String)}): it goes into the
 *       job's own trace ({@code JobTrace}) as a child of the job's root span, linking to the
 *       enclosing context when that is in another trace;</li>
 *   <li>a call that may name its job only on return ({@link #openPending}) holds its events and
 *       those of everything inside it until it ends, then settles once (rule 2 with the job it
 *       returned, else rule 1), see {@link PendingPlacement}.</li>
 * </ol>
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

    /** Opens a child of the enclosing context (or a root of a new trace) and makes it current. */
    public static Span open(Class<?> origin) {
        return push(create(origin, null));
    }

    /** As {@link #open(Class)}, for a call that names {@code jobId} (may be null) on entry: rule 2. */
    public static Span open(Class<?> origin, String jobId) {
        return push(create(origin, jobId));
    }

    /**
     * A span that is not pushed: the single event of a facade call, placed like a call that names
     * {@code jobId} (may be null) on entry.
     */
    public static Span event(Class<?> origin, String jobId) {
        return create(origin, jobId);
    }

    /** Opens a span whose job, if any, is only known when it ends; see {@link #settle}. */
    public static Span openPending(Class<?> origin) {
        Span enclosing = current();
        SpanContext remote = enclosing == null ? OpenTelemetryContext.current(origin) : null;
        PendingPlacement group;
        String parentSpanId;
        boolean sampled;
        if (enclosing != null) {
            group = new PendingPlacement(enclosing.group, enclosing.group == null ? enclosing.traceId() : null,
                    enclosing, null);
            parentSpanId = enclosing.spanId();
            sampled = enclosing.sampled();
        } else if (remote != null) {
            group = new PendingPlacement(null, remote.traceId(), null, remote);
            parentSpanId = remote.spanId();
            sampled = remote.sampled();
        } else {
            group = new PendingPlacement(null, TraceIds.newTraceId(), null, null);
            parentSpanId = null;
            sampled = true;
        }
        Span span = new Span(null, TraceIds.newSpanId(), parentSpanId, sampled, null, group);
        group.root = span;
        return push(span);
    }

    /**
     * Settles the placement of a span opened with {@link #openPending}: into {@code jobId}'s trace
     * when it names a job of another trace, else where it opened; releases the held events.
     * A span with a fixed place is left as it is.
     */
    public static void settle(Span span, String jobId) {
        PendingPlacement group = span.group;
        if (group != null && group.root == span) group.settle(jobId);
    }

    /**
     * Runs {@code release} later, when the placement of {@code span} is settled, and returns
     * {@code true}; {@code false} when it is settled now and the caller goes on at once.
     */
    public static boolean holdUntilPlaced(Span span, Runnable release) {
        return PendingPlacement.holdInChain(span.group, release);
    }

    /**
     * Opens a child of a REMOTE parent (an incoming {@code traceparent}, a message's context) and makes
     * it current: the remote context wins over whatever is current on this thread.
     */
    public static Span openChildOf(SpanContext remote) {
        return push(new Span(remote.traceId(), TraceIds.newSpanId(), remote.spanId(), remote.sampled(), null, null));
    }

    /**
     * A child of a REMOTE parent that is not made current: a long-lived span (a WebSocket
     * connection) whose events come from many callbacks, each made current only while it runs
     * ({@link #resume}).
     */
    public static Span detachedChildOf(SpanContext remote) {
        return new Span(remote.traceId(), TraceIds.newSpanId(), remote.spanId(), remote.sampled(), null, null);
    }

    /**
     * Makes an already open span current again on this thread (a WebSocket message callback of the
     * connection's span), until {@link #close} of the same span.
     */
    public static Span resume(Span span) {
        return push(span);
    }

    private static Span create(Class<?> origin, String jobId) {
        Span enclosing = current();
        if (jobId != null && !jobId.isEmpty()) {
            SpanContext job = JobTraces.parentFor(jobId);
            if (enclosing == null) {
                SpanContext remote = OpenTelemetryContext.current(origin);
                if (remote == null || job.traceId().equals(remote.traceId())) {
                    return new Span(job.traceId(), TraceIds.newSpanId(), remote == null ? job.spanId() : remote.spanId(),
                            true, null, null);
                }
                return new Span(job.traceId(), TraceIds.newSpanId(), job.spanId(), remote.sampled(), remote, null);
            }
            if (!job.traceId().equals(enclosing.traceId())) {
                return new Span(job.traceId(), TraceIds.newSpanId(), job.spanId(), enclosing.sampled(),
                        enclosing.context(), null);
            }
        }
        if (enclosing != null) return childOf(enclosing);
        SpanContext remote = OpenTelemetryContext.current(origin);
        if (remote != null) return new Span(remote.traceId(), TraceIds.newSpanId(), remote.spanId(), remote.sampled(), null, null);
        return new Span(TraceIds.newTraceId(), TraceIds.newSpanId(), null, true, null, null);
    }

    private static Span childOf(Span parent) {
        PendingPlacement group = parent.group;
        return new Span(group == null ? parent.traceId() : null, TraceIds.newSpanId(), parent.spanId(),
                parent.sampled(), null, group);
    }

    private static Span push(Span span) {
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
