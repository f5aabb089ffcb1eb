package io.emp.telemetry.agent.emit;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delay between a minimum and a maximum, with a little jitter so many JVMs don't retry in step. */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private long currentNanos;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.currentNanos = minNanos;
    }

    /** The delay to wait now; doubles the next one up to the maximum. */
    long nextNanos() {
        long d = currentNanos;
        currentNanos = Math.min(maxNanos, currentNanos * 2);
        long jitter = d / 10 > 0 ? ThreadLocalRandom.current().nextLong(d / 10) : 0;
        return Math.min(maxNanos, d + jitter);
    }

    void reset() {
        currentNanos = minNanos;
    }
}
