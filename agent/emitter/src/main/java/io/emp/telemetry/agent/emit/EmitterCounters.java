package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.TelemetryEvent;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one emitter; application threads and the writer update them without locks. */
final class EmitterCounters {
    final LongAdder accepted = new LongAdder();
    /** Approximate bytes held by queued items: added on offer, subtracted when the writer takes them. */
    final AtomicLong queuedBytes = new AtomicLong();
    final AtomicLong eventsWritten = new AtomicLong();
    final AtomicLong statusPublished = new AtomicLong();
    final AtomicLong failedBatches = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong failedConnects = new AtomicLong();
    final AtomicLong dropReportsWritten = new AtomicLong();
    private final LongAdder[] dropped = new LongAdder[DropReason.values().length];
    /** Drops not yet reported in a {@code telemetry.events_dropped} event, per reason. */
    private final AtomicLongArray unreported = new AtomicLongArray(DropReason.values().length);

    EmitterCounters() {
        for (int i = 0; i < dropped.length; i++) dropped[i] = new LongAdder();
    }

    void drop(DropReason reason, long n) {
        dropped[reason.ordinal()].add(n);
        unreported.addAndGet(reason.ordinal(), n);
    }

    long dropped(DropReason reason) {
        return dropped[reason.ordinal()].sum();
    }

    boolean hasUnreported() {
        for (int i = 0; i < unreported.length(); i++) {
            if (unreported.get(i) > 0) return true;
        }
        return false;
    }

    /** Takes the unreported count of {@code reason}, resetting it to zero. */
    long takeUnreported(DropReason reason) {
        return unreported.getAndSet(reason.ordinal(), 0);
    }

    /** Puts back a count whose report could not be queued. */
    void restoreUnreported(DropReason reason, long n) {
        unreported.addAndGet(reason.ordinal(), n);
    }

    /** Drops not (yet) reported to Redis, per reason, as {@code queue_full=12, shutdown=3}; empty when none. */
    String unreportedSummary() {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (DropReason r : DropReason.values()) {
            long n = unreported.get(r.ordinal());
            if (n <= 0) continue;
            total += n;
            sb.append(sb.length() == 0 ? "" : ", ").append(r.wireName()).append('=').append(n);
        }
        return total == 0 ? "" : total + " (" + sb + ")";
    }

    long unreportedTotal() {
        long n = 0;
        for (int i = 0; i < unreported.length(); i++) n += unreported.get(i);
        return n;
    }

    /** What one queued item costs against {@code queue.max.bytes}. */
    static int sizeOf(Object item) {
        if (item instanceof TelemetryEvent) return ((TelemetryEvent) item).approximateSize();
        if (item instanceof StatusMessage) return ((StatusMessage) item).approximateSize;
        return 64;
    }

    /** The writer took {@code items} out of the queue. */
    void dequeued(Iterable<?> items) {
        long n = 0;
        for (Object item : items) n += sizeOf(item);
        queuedBytes.addAndGet(-n);
    }
}
