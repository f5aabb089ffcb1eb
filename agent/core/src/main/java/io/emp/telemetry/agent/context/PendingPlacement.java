package io.emp.telemetry.agent.context;

import java.util.ArrayList;
import java.util.List;

/**
 * The placement of a call that may learn its job only when it returns (a rule whose job id comes
 * from the return value: {@code createJob}, {@code claimJob}), shared by its span (the root) and
 * every span opened inside it. Until the root ends, their events are held here; then the root
 * settles once: into the job's trace (as a child of the job's root span, linking to where it was
 * called from) when it names a job of another trace, else where it opened. The held events are
 * then released, all with the settled ids, so no event ever names a parent in another trace.
 * <p>
 * Bounded: at most {@link #MAX_HELD} events wait; one more settles the group early where it is.
 */
final class PendingPlacement {
    static final int MAX_HELD = 256;

    /** The enclosing span's group when that one is pending too: its trace follows it unless this group moves. */
    private final PendingPlacement parent;
    private final String baseTraceId;
    private final Span enclosing;
    private final SpanContext enclosingRemote;
    /** The group's own span; set once, right after construction, before the span is shared. */
    volatile Span root;
    private volatile SpanContext moved;
    private boolean settled;
    private List<Runnable> held = new ArrayList<>(4);

    PendingPlacement(PendingPlacement parent, String baseTraceId, Span enclosing, SpanContext enclosingRemote) {
        this.parent = parent;
        this.baseTraceId = baseTraceId;
        this.enclosing = enclosing;
        this.enclosingRemote = enclosingRemote;
    }

    String traceId() {
        SpanContext m = moved;
        if (m != null) return m.traceId();
        return parent != null ? parent.traceId() : baseTraceId;
    }

    /** The job's root span context once the group moved into a job's trace, else {@code null}. */
    SpanContext moved() {
        return moved;
    }

    /** Where the root was called from, as a link target. */
    SpanContext origin() {
        if (enclosing != null) return new SpanContext(enclosing.traceId(), enclosing.spanId(), enclosing.sampled());
        return enclosingRemote;
    }

    /**
     * Holds {@code release} until the group settles; {@code false} when the group is settled
     * already (or just settled because it was full) and the caller must go on now.
     */
    boolean hold(Runnable release) {
        synchronized (this) {
            if (settled) return false;
            if (held.size() < MAX_HELD) {
                held.add(release);
                return true;
            }
        }
        settle(null);
        return false;
    }

    /** Whether the group is settled and moved: its events do not depend on an outer group. */
    boolean independent() {
        return moved != null;
    }

    /** Decides the place once ({@code jobId} may be null) and releases the held events. */
    void settle(String jobId) {
        List<Runnable> release;
        synchronized (this) {
            if (settled) return;
            if (jobId != null && !jobId.isEmpty()) {
                SpanContext job = JobTraces.parentFor(jobId);
                if (!job.traceId().equals(traceId())) moved = job;
            }
            settled = true;
            release = held;
            held = null;
        }
        // not moved: the events now wait for (or follow) the enclosing group, if that is pending
        PendingPlacement next = moved != null ? null : parent;
        for (Runnable r : release) {
            if (!holdInChain(next, r)) r.run();
        }
    }

    /** Holds {@code release} in the first unsettled group from {@code group} outwards that it depends on. */
    static boolean holdInChain(PendingPlacement group, Runnable release) {
        for (PendingPlacement g = group; g != null; g = g.parent) {
            if (g.hold(release)) return true;
            if (g.independent()) return false;
        }
        return false;
    }
}
