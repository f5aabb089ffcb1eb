package io.emp.telemetry.collector.inspect;

/**
 * A time range of events, by their {@code timestamp} field (when the event happened). Redis seeks by stream id,
 * which is when the entry was stored: the event's time plus however long it waited in the agent's queue (seconds
 * when Redis was slow or down). So the scan reads ids from {@code since − SKEW_MARGIN_MS} (hosts' clocks differ a
 * little) to {@code until + QUEUE_MARGIN_MS}, and {@link #contains} keeps the events whose own time is in range.
 */
public record TimeWindow(Long sinceMs, Long untilMs) {
    public static final TimeWindow ALL = new TimeWindow(null, null);
    /** How much earlier than the event Redis's clock may be (clock skew between the agent's host and Redis). */
    public static final long SKEW_MARGIN_MS = 60_000;
    /** How long an event may have waited in the agent's queue before Redis stored it. */
    public static final long QUEUE_MARGIN_MS = 5 * 60_000;

    public String fromId() {
        return sinceMs == null ? "-" : Long.toString(Math.max(0, sinceMs - SKEW_MARGIN_MS));
    }

    public String toId() {
        if (untilMs == null) return "+";
        long to = untilMs > Long.MAX_VALUE - QUEUE_MARGIN_MS ? Long.MAX_VALUE : untilMs + QUEUE_MARGIN_MS;
        return Long.toString(Math.max(0, to));
    }

    /** Whether an event that happened at {@code timestampMs} is in the window. */
    public boolean contains(long timestampMs) {
        return (sinceMs == null || timestampMs >= sinceMs) && (untilMs == null || timestampMs <= untilMs);
    }
}
