package io.emp.telemetry.collector.health;

import io.emp.telemetry.collector.reactions.metrics.ReactionStats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters and last-known states shared by the consumers, exporters, /health and /metrics. Thread-safe. */
public final class CollectorStats {
    /** Export latency histogram bounds in seconds (Prometheus {@code le}). */
    static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Map<String, StreamCounters> streams = new ConcurrentHashMap<>();
    private final Map<String, ExporterState> exporters = new ConcurrentHashMap<>();
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BOUNDS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final AtomicLong latencySumMicros = new AtomicLong();
    private final AtomicLong lastSuccessfulExport = new AtomicLong();
    private final LongAdder alerts = new LongAdder();
    private final LongAdder unpairedJobSpans = new LongAdder();
    private final Map<String, LongAdder> otlpRejected = new ConcurrentHashMap<>();
    private volatile boolean redisReachable;
    private volatile ReactionStats reactions;

    public CollectorStats() {
        for (int i = 0; i < latencyBuckets.length; i++) latencyBuckets[i] = new LongAdder();
    }

    public StreamCounters stream(String name) {
        return streams.computeIfAbsent(name, n -> new StreamCounters());
    }

    public Map<String, StreamCounters> streams() {
        return streams;
    }

    public ExporterState exporter(String name) {
        return exporters.computeIfAbsent(name, n -> new ExporterState());
    }

    public Map<String, ExporterState> exporters() {
        return exporters;
    }

    /** One complete export of a batch (all exporters), from first attempt to success. */
    public void exportSucceeded(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[i]) i++;
        latencyBuckets[i].increment();
        latencyCount.increment();
        latencySumMicros.addAndGet(nanos / 1000);
        lastSuccessfulExport.set(System.currentTimeMillis());
    }

    long[] latencyBucketCounts() {
        long[] out = new long[latencyBuckets.length];
        for (int i = 0; i < out.length; i++) out[i] = latencyBuckets[i].sum();
        return out;
    }

    long latencyCount() { return latencyCount.sum(); }
    double latencySumSeconds() { return latencySumMicros.get() / 1e6; }
    public long lastSuccessfulExport() { return lastSuccessfulExport.get(); }
    public void alertRaised() { alerts.increment(); }
    public long alerts() { return alerts.sum(); }
    public void jobSpanUnpaired() { unpairedJobSpans.increment(); }
    public long unpairedJobSpans() { return unpairedJobSpans.sum(); }
    /** Items of one OTLP signal ("logs", "traces") a backend refused in a partial success: dropped. */
    public LongAdder otlpRejected(String signal) { return otlpRejected.computeIfAbsent(signal, s -> new LongAdder()); }
    public Map<String, LongAdder> otlpRejected() { return otlpRejected; }
    public boolean redisReachable() { return redisReachable; }
    /** Counters of the reactions engine, null when it does not run. */
    public ReactionStats reactions() { return reactions; }
    public void reactions(ReactionStats r) { this.reactions = r; }
    public void redisReachable(boolean reachable) { this.redisReachable = reachable; }

    /** Per-stream counters plus the state last read from Redis (XINFO GROUPS / XPENDING). */
    public static final class StreamCounters {
        public final LongAdder consumed = new LongAdder();
        public final LongAdder exported = new LongAdder();
        public final LongAdder failedAttempts = new LongAdder();
        public final LongAdder deadLettered = new LongAdder();
        public final LongAdder claimed = new LongAdder();
        public volatile long lag = -1;
        public volatile long entriesRead = -1;
        public volatile long pending = -1;
        public volatile long oldestPendingMs = -1;
        public volatile long length = -1;
        /** Entries detected as lost, per reason ({@code trimmed_unread}, {@code stream_reset}, {@code dead_lettered}). */
        public final Map<String, LongAdder> lost = new ConcurrentHashMap<>();
        /** Times the stream was found reset (Redis restarted empty, key or group gone). */
        public final LongAdder resets = new LongAdder();
        /** Times the stream's consumer thread died (any Throwable) and was restarted. */
        public final LongAdder restarts = new LongAdder();
        /** Why the stream's consumer is not progressing now (thread died, restarting), or {@code null}. */
        public volatile String stalled;
        /** When the consumer loop last went round (epoch ms); 0 before it started. */
        public volatile long lastLoopAt;

        public LongAdder lost(String reason) {
            return lost.computeIfAbsent(reason, r -> new LongAdder());
        }

        public long lostTotal() {
            return lost.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    /** Success and failure record of one exporter. */
    public static final class ExporterState {
        public final LongAdder failures = new LongAdder();
        public final LongAdder batches = new LongAdder();
        public final AtomicLong lastSuccess = new AtomicLong();
        public final AtomicReference<String> lastError = new AtomicReference<>();
        public volatile long lastErrorAt;
    }
}
