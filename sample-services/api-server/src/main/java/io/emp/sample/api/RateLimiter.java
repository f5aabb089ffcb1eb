package io.emp.sample.api;

/**
 * Job submissions allowed per second across all clients, as a token bucket: a burst of one second's worth,
 * then {@code perSecond} on average. {@code perSecond <= 0} lets everything through.
 */
final class RateLimiter {
    private final double perSecond;
    private double tokens;
    private long lastRefillNanos;

    RateLimiter(double perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastRefillNanos = System.nanoTime();
    }

    boolean enabled() {
        return perSecond > 0;
    }

    /** Takes one token; false when the bucket is empty (the caller answers 429). */
    synchronized boolean tryAcquire() {
        if (!enabled()) return true;
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - lastRefillNanos) / 1e9 * perSecond);
        lastRefillNanos = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** Whole seconds until a token is back, for the Retry-After header. */
    synchronized long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
}
