package io.emp.sample.worker;

import java.time.Duration;

/** Poll delay while the queue is empty: starts short, doubles up to a ceiling, resets on work. */
final class IdleBackoff {
    private static final long FIRST_MS = 20;

    private final long maxMs;
    private long nextMs = FIRST_MS;

    IdleBackoff(Duration max) {
        this.maxMs = Math.max(1, max.toMillis());
    }

    long nextDelayMs() {
        long delay = Math.min(nextMs, maxMs);
        nextMs = Math.min(nextMs * 2, maxMs);
        return delay;
    }

    void reset() {
        nextMs = FIRST_MS;
    }
}
