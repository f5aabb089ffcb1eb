package io.emp.telemetry.collector.reactions.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-reaction counters and the latency from event time to the last action done (for /metrics and /health). */
public final class ReactionStats {
    private final Map<String, Counters> reactions = new ConcurrentHashMap<>();

    public Counters reaction(String id) {
        return reactions.computeIfAbsent(id, k -> new Counters());
    }

    public Map<String, Counters> all() {
        return reactions;
    }

    /** Counters of one reaction. */
    public static final class Counters {
        public final LongAdder matched = new LongAdder();
        public final LongAdder executed = new LongAdder();
        public final LongAdder failed = new LongAdder();
        public final LongAdder retried = new LongAdder();
        public final LongAdder deadLettered = new LongAdder();
        public final LongAdder skipped = new LongAdder();
        private final Latencies latency = new Latencies(2048);

        public void latency(long millis) {
            latency.record(millis);
        }

        /** The q-quantile (0..1) of the recent latencies in milliseconds, -1 when none yet. */
        public long latencyQuantile(double q) {
            return latency.quantile(q);
        }
    }

    /** The most recent latencies in a ring; quantiles over them (bounded memory, recent behaviour). */
    static final class Latencies {
        private final long[] ring;
        private int next;
        private int size;

        Latencies(int capacity) {
            ring = new long[capacity];
        }

        synchronized void record(long v) {
            ring[next] = v;
            next = (next + 1) % ring.length;
            if (size < ring.length) size++;
        }

        synchronized long quantile(double q) {
            if (size == 0) return -1;
            long[] copy = Arrays.copyOf(ring, size);
            Arrays.sort(copy);
            return copy[Math.min(size - 1, (int) Math.ceil(q * size) - 1 < 0 ? 0 : (int) Math.ceil(q * size) - 1)];
        }
    }
}
