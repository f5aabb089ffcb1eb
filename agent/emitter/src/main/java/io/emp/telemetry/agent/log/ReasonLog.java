package io.emp.telemetry.agent.log;

import java.util.Objects;

/**
 * Logs a recurring failure (Redis unreachable, authentication refused) once, not once per retry:
 * again only when the reason changes, or as a reminder after a long interval. Used by one thread.
 */
public final class ReasonLog {
    private final long reminderNanos;
    private String lastReason;
    private long lastLoggedAt;
    private long suppressed;

    public ReasonLog(long reminderMillis) {
        this.reminderNanos = reminderMillis * 1_000_000L;
    }

    /**
     * Reports a failure; {@code reason} identifies it (same reason = same problem), {@code message}
     * is what gets logged. Returns whether a line was written.
     */
    public boolean failure(String reason, AgentLog.Level level, String message) {
        long now = System.nanoTime();
        if (Objects.equals(reason, lastReason) && now - lastLoggedAt < reminderNanos) {
            suppressed++;
            return false;
        }
        boolean reminder = Objects.equals(reason, lastReason);
        AgentLog.log(level, reminder ? message + " (still failing; " + suppressed + " retries since the last message)" : message);
        lastReason = reason;
        lastLoggedAt = now;
        suppressed = 0;
        return true;
    }

    /** The problem is gone; returns whether one had been reported (so the caller can log the recovery). */
    public boolean recovered() {
        boolean had = lastReason != null;
        lastReason = null;
        suppressed = 0;
        return had;
    }
}
