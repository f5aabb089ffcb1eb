package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.decode.EntryDecoder;
import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.schema.MalformedEventException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * decode → dead-letter what cannot be decoded → export to every exporter (retrying only those that
 * failed, with back-off, for as long as the collector runs) → XACK → tell listeners. An entry is
 * acknowledged only after every exporter took it; a stopped collector leaves it pending for XAUTOCLAIM.
 */
public final class BatchProcessor implements EntryProcessor {
    private static final Logger LOG = Logger.getLogger(BatchProcessor.class.getName());

    private final List<Exporter> exporters;
    private final SpanDeriver spans;
    private final List<ExportedListener> listeners;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final int maxDeliveries;
    private final CollectorStats stats;
    private final long maxEntryBytes;

    public BatchProcessor(List<Exporter> exporters, SpanDeriver spans, List<ExportedListener> listeners,
                          DeadLetters deadLetters, Backoff backoff, int maxDeliveries, CollectorStats stats) {
        this(exporters, spans, listeners, deadLetters, backoff, maxDeliveries, stats, Long.MAX_VALUE);
    }

    /** {@code maxEntryBytes}: larger entries (see {@link BoundedCodec}) are dead-lettered without being decoded. */
    public BatchProcessor(List<Exporter> exporters, SpanDeriver spans, List<ExportedListener> listeners,
                          DeadLetters deadLetters, Backoff backoff, int maxDeliveries, CollectorStats stats,
                          long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
        this.exporters = List.copyOf(exporters);
        this.spans = spans;
        this.listeners = List.copyOf(listeners);
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.maxDeliveries = maxDeliveries;
        this.stats = stats;
    }

    /**
     * Processes entries this consumer owns. {@code claimed} entries were taken over from another
     * consumer and are checked against the delivery limit first.
     *
     * @return {@code false} when the collector stopped before the batch was exported (entries stay pending)
     */
    @Override
    public boolean process(RedisStreams source, List<StreamEntry> entries, boolean claimed, BooleanSupplier running)
            throws InterruptedException {
        if (entries.isEmpty()) return true;
        CollectorStats.StreamCounters counters = stats.stream(source.config().stream());
        counters.consumed.add(entries.size());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        List<ConsumedEvent> events = new ArrayList<>(entries.size());
        Map<String, Long> deliveries = claimed ? source.deliveryCounts(entries) : Map.of();
        for (StreamEntry entry : entries) {
            long delivered = deliveries.getOrDefault(entry.id(), 1L);
            if (delivered > maxDeliveries) {
                rejected.add(new DeadLetters.Rejected(entry, "delivered " + delivered
                        + " times without a successful export (limit " + maxDeliveries + ")"));
                continue;
            }
            long size = BoundedCodec.entryBytes(entry.fields());
            if (size > maxEntryBytes) {
                rejected.add(new DeadLetters.Rejected(entry, "oversized: " + size + " bytes (limit " + maxEntryBytes
                        + ", collector.max-entry-bytes); not decoded"));
                continue;
            }
            try {
                events.add(EntryDecoder.decode(entry, source.config().errors()));
            } catch (MalformedEventException e) {
                rejected.add(new DeadLetters.Rejected(entry, "malformed: " + e.getMessage()));
            }
        }
        deadLetters.send(source, rejected);
        if (events.isEmpty()) return true;
        ExportBatch batch = new ExportBatch(events, spans.spans(events));
        List<String> ids = events.stream().map(ConsumedEvent::entryId).toList();
        long started = System.nanoTime();
        if (!exportToAll(source, batch, ids, running)) return false;
        stats.exportSucceeded(System.nanoTime() - started);
        source.ack(ids);
        for (ExportedListener l : listeners) {
            try {
                l.onExported(events);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener " + l.getClass().getSimpleName() + " failed", e);
            }
        }
        counters.exported.add(events.size());
        counters.lastLoopAt = System.currentTimeMillis();
        return true;
    }

    private boolean exportToAll(RedisStreams source, ExportBatch batch, List<String> ids, BooleanSupplier running)
            throws InterruptedException {
        Set<Exporter> remaining = new LinkedHashSet<>(exporters);
        for (int attempt = 0; ; attempt++) {
            Duration retryAfter = null;
            for (var it = remaining.iterator(); it.hasNext(); ) {
                Exporter e = it.next();
                ExportOutcome outcome = exportOnce(e, batch);
                CollectorStats.ExporterState state = stats.exporter(e.name());
                if (outcome.success()) {
                    state.batches.increment();
                    state.lastSuccess.set(System.currentTimeMillis());
                    it.remove();
                } else {
                    state.failures.increment();
                    state.lastError.set(outcome.error());
                    state.lastErrorAt = System.currentTimeMillis();
                    stats.stream(source.config().stream()).failedAttempts.increment();
                    if (outcome.retryAfter() != null) retryAfter = outcome.retryAfter();
                    if (attempt == 0 || attempt % 10 == 0) {
                        LOG.warning("exporter " + e.name() + " failed on a batch of " + batch.events().size()
                                + " from " + source.config().stream() + " (attempt " + (attempt + 1)
                                + "; not acknowledged, will retry): " + outcome.error());
                    }
                }
            }
            if (remaining.isEmpty()) return true;
            if (!running.getAsBoolean()) return false;
            Thread.sleep(backoff.delay(attempt, retryAfter).toMillis());
            if (!running.getAsBoolean()) return false;
            touch(source, ids);
        }
    }

    /**
     * Refreshes the claim between attempts; when Redis cannot (down, or restarted empty: the group is
     * gone) the batch held in memory is still exported: the entries are delivered even if they can no
     * longer be acknowledged.
     */
    private static void touch(RedisStreams source, List<String> ids) {
        try {
            source.touch(ids);
        } catch (RuntimeException e) {
            LOG.fine(() -> "cannot refresh the claim on " + ids.size() + " entries of " + source.config().stream() + ": " + e);
        }
    }

    private static ExportOutcome exportOnce(Exporter e, ExportBatch batch) {
        try {
            return e.export(batch);
        } catch (RuntimeException ex) {
            return ExportOutcome.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }
}
