package io.emp.telemetry.agent.emit;

import java.util.EnumMap;
import java.util.Map;

/** A point-in-time snapshot of an emitter's counters. */
public final class EmitterStats {
    private final long accepted;
    private final long eventsWritten;
    private final long statusPublished;
    private final Map<DropReason, Long> dropped;
    private final long failedBatches;
    private final long connects;
    private final long failedConnects;
    private final long dropReportsWritten;
    private final int queued;
    private final boolean connected;

    EmitterStats(EmitterCounters c, int queued, boolean connected) {
        this.accepted = c.accepted.sum();
        this.eventsWritten = c.eventsWritten.get();
        this.statusPublished = c.statusPublished.get();
        this.failedBatches = c.failedBatches.get();
        this.connects = c.connects.get();
        this.failedConnects = c.failedConnects.get();
        this.dropReportsWritten = c.dropReportsWritten.get();
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) d.put(r, c.dropped(r));
        this.dropped = d;
        this.queued = queued;
        this.connected = connected;
    }

    /** Events and status messages accepted into the queue by {@code emit}/{@code publish}. */
    public long accepted() { return accepted; }
    /** Stream entries Redis acknowledged (events, including drop reports; re-sent batches may count twice). */
    public long eventsWritten() { return eventsWritten; }
    public long statusPublished() { return statusPublished; }
    public long dropped(DropReason reason) { return dropped.get(reason); }
    public long droppedTotal() {
        long n = 0;
        for (long v : dropped.values()) n += v;
        return n;
    }
    /** Batches that failed (connection lost, timeout) and were kept for re-sending. */
    public long failedBatches() { return failedBatches; }
    /** Successful connections to Redis (the first one and every reconnect). */
    public long connects() { return connects; }
    public long reconnects() { return Math.max(0, connects - 1); }
    /** Connection attempts that failed (each is retried after a backoff; only changes of reason are logged). */
    public long failedConnects() { return failedConnects; }
    public long dropReportsWritten() { return dropReportsWritten; }
    public int queued() { return queued; }
    public boolean connected() { return connected; }

    @Override
    public String toString() {
        return "EmitterStats{accepted=" + accepted + ", written=" + eventsWritten + ", published=" + statusPublished
                + ", dropped=" + dropped + ", failedBatches=" + failedBatches + ", connects=" + connects + ", failedConnects=" + failedConnects
                + ", dropReports=" + dropReportsWritten + ", queued=" + queued + ", connected=" + connected + "}";
    }
}
