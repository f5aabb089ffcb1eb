package io.emp.telemetry.collector.loss;

import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.lettuce.core.XAddArgs;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Makes every detected loss visible four ways: counted at once in the stats ({@code /metrics},
 * {@code /health}); and, per stream and reason, summed and written on {@link #flush()} as one
 * WARNING line with the count and one {@code telemetry.entries_lost} event on the events stream
 * (so the loss reaches the backend like any event). A report that cannot be written (Redis down)
 * stays and is retried on the next flush: counts are carried, never thrown away.
 *
 * <p>No loop: dead-lettered {@code telemetry.entries_lost} events themselves are counted but never
 * reported by another event, and reports are sums, at most one per stream and reason per flush.
 */
public final class LossReporter {
    private static final Logger LOG = Logger.getLogger(LossReporter.class.getName());
    /** {@code service} of the events the collector writes itself. */
    public static final String SERVICE = "emp-collector";
    private static final IdGenerator IDS = IdGenerator.random();

    private final RedisCommands<String, String> redis;
    private final String eventsStream;
    private final long eventsMaxLen;
    private final String consumer;
    private final CollectorStats stats;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    public LossReporter(RedisCommands<String, String> redis, String eventsStream, long eventsMaxLen, String consumer,
                        CollectorStats stats) {
        this.redis = redis;
        this.eventsStream = eventsStream;
        this.eventsMaxLen = eventsMaxLen;
        this.consumer = consumer;
        this.stats = stats;
    }

    /** Counts {@code count} lost entries of {@code stream} now; the log line and event follow on the next flush. */
    public void lost(String stream, String group, LossReason reason, long count, boolean lowerBound, String detail) {
        // A reset is reported even when nothing unread was known to be in the stream (a lower bound of 0).
        if (count < 0 || (count == 0 && reason != LossReason.STREAM_RESET)) return;
        stats.stream(stream).lost(reason.wire()).add(count);
        synchronized (pending) {
            pending.computeIfAbsent(new Key(stream, group, reason), k -> new Pending()).add(count, lowerBound, detail);
        }
    }

    /** Dead-lettered entries; the collector's own loss events are counted but not reported again (no loop). */
    public void deadLettered(String stream, String group, long count, long ownLossEvents, String detail) {
        if (count <= 0) return;
        if (ownLossEvents > 0) stats.stream(stream).lost(LossReason.DEAD_LETTERED.wire()).add(ownLossEvents);
        lost(stream, group, LossReason.DEAD_LETTERED, count - ownLossEvents, false, detail);
    }

    /** True for an entry that is one of the collector's own loss reports. */
    public static boolean isLossReport(Map<String, String> fields) {
        return EventTypes.ENTRIES_LOST.equals(fields.get(EventFields.EVENT_TYPE));
    }

    /** Writes the summed reports: one WARNING line and one event per stream and reason. */
    public void flush() {
        Map<Key, Pending> due;
        synchronized (pending) {
            if (pending.isEmpty()) return;
            due = new LinkedHashMap<>(pending);
            pending.clear();
        }
        for (Map.Entry<Key, Pending> e : due.entrySet()) {
            Key k = e.getKey();
            Pending p = e.getValue();
            if (!p.logged) {
                LOG.warning("LOST " + (p.lowerBound ? "at least " : "") + p.count + " entries of " + k.stream
                        + " (group " + k.group + ", " + k.reason.wire() + "): " + p.detail);
                p.logged = true;
            }
            try {
                redis.xadd(eventsStream, eventsMaxLen > 0 ? XAddArgs.Builder.maxlen(eventsMaxLen).approximateTrimming()
                        : new XAddArgs(), EventCodec.encode(event(k, p)));
            } catch (RuntimeException ex) {
                // Kept (and merged with what comes next) until Redis takes it.
                synchronized (pending) {
                    pending.merge(k, p, Pending::merge);
                }
                LOG.fine(() -> "loss report for " + k.stream + " not written yet: " + ex);
                return;
            }
        }
    }

    private TelemetryEvent event(Key k, Pending p) {
        // A trace of its own: the wire schema requires ids, and the report belongs to no application trace.
        return TelemetryEvent.builder(EventTypes.ENTRIES_LOST).service(SERVICE).timestamp(System.currentTimeMillis())
                .traceId(IDS.generateTraceId()).spanId(IDS.generateSpanId())
                .attribute(Attributes.LOST_COUNT, p.count)
                .attribute(Attributes.DROP_REASON, k.reason.wire())
                .attribute("stream", k.stream)
                .attribute("group", k.group)
                .attribute("consumer", consumer)
                .attribute("lowerBound", p.lowerBound)
                .attribute("detail", p.detail)
                .build();
    }

    private record Key(String stream, String group, LossReason reason) {
    }

    private static final class Pending {
        long count;
        boolean lowerBound;
        String detail = "";
        boolean logged;

        void add(long n, boolean atLeast, String why) {
            count += n;
            logged = false;
            lowerBound |= atLeast;
            if (why != null && !why.isEmpty()) detail = why;
        }

        /** A report Redis did not take ({@code unwritten}) joins what was counted meanwhile ({@code current}). */
        static Pending merge(Pending current, Pending unwritten) {
            current.count += unwritten.count;
            current.lowerBound |= unwritten.lowerBound;
            return current;
        }
    }
}
