package io.emp.telemetry.collector.reactions.delivery;

import io.emp.telemetry.collector.export.Backoff;

import java.time.Duration;

/** How often an action is tried and how long to wait between tries (the collector's exponential {@link Backoff}). */
public record RetryPolicy(int attempts, Duration initial, Duration max) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

    public Backoff backoff() {
        return new Backoff(initial, max);
    }
}
