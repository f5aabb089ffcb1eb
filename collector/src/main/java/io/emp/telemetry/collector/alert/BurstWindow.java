package io.emp.telemetry.collector.alert;

import java.util.ArrayDeque;

/**
 * Answers "were there more than {@code threshold} errors within one window?" keeping only the last
 * {@code threshold + 1} timestamps, so memory stays bounded whatever the error rate.
 */
final class BurstWindow {
    private final int threshold;
    private final long windowMs;
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private long quietUntil;

    BurstWindow(int threshold, long windowMs) {
        this.threshold = threshold;
        this.windowMs = windowMs;
    }

    /** Records an error at {@code timestamp}; {@code true} when this one makes the window exceed the threshold (once per window). */
    boolean record(long timestamp) {
        times.addLast(timestamp);
        while (times.size() > threshold + 1) times.removeFirst();
        if (times.size() <= threshold) return false;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (long t : times) {
            oldest = Math.min(oldest, t);
            newest = Math.max(newest, t);
        }
        if (newest - oldest > windowMs) return false;
        if (timestamp < quietUntil) return false;
        // One alert per window: the next can fire only after this window has passed.
        quietUntil = timestamp + windowMs;
        return true;
    }

    int count() {
        return times.size();
    }
}
