package io.emp.telemetry.collector.export;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter, capped, that waits at least as long as a destination's Retry-After. */
public final class Backoff {
    /** A Retry-After longer than this is not trusted (a misconfigured backend must not stall export for hours). */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final Duration initial;
    private final Duration max;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
    }

    /** Delay before attempt {@code attempt + 1} (attempt counts from 0). */
    public Duration delay(int attempt, Duration retryAfter) {
        long base = initial.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, max.toMillis());
        // Full jitter on the upper half keeps several collectors from retrying in lockstep.
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (retryAfter != null) jittered = Math.max(jittered, Math.min(retryAfter.toMillis(), MAX_RETRY_AFTER.toMillis()));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
