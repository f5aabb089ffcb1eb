package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.health.CollectorStats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Items an OTLP backend refused in a partial success: dropped (the spec forbids retrying them),
 * so counted per signal for /metrics and logged at most once a minute, with the total since the last line.
 */
final class Rejections {
    private static final Logger LOG = Logger.getLogger(Rejections.class.getName());
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final CollectorStats stats;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

    Rejections(CollectorStats stats) {
        this.stats = stats;
    }

    void record(OtlpSignal signal, PartialSuccess partial) {
        if (partial.rejected() > 0) stats.otlpRejected(signal.dataType).add(partial.rejected());
        long pending = unlogged.addAndGet(Math.max(0, partial.rejected()));
        long now = System.nanoTime();
        long due = nextLogAt.get();
        if (now - due < 0 || !nextLogAt.compareAndSet(due, now + LOG_EVERY_NANOS)) return;
        unlogged.addAndGet(-pending);
        LOG.warning("OTLP backend accepted " + signal.dataType + " only partially: " + partial.rejected() + " "
                + signal.items + " rejected (" + pending + " items rejected since the last such line; dropped, "
                + "not retried, counted in emp_collector_otlp_rejected_total): " + partial.message());
    }
}
