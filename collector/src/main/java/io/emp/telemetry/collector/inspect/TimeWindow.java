package io.emp.telemetry.collector.inspect;

/**
 * A time range as stream ids. Entry ids carry Redis's clock when the entry was stored, which is
 * the event's time plus the agent's short batching delay, so bounding by id is exact enough for
 * debugging and lets Redis seek instead of scanning.
 */
public record TimeWindow(Long sinceMs, Long untilMs) {
    public static final TimeWindow ALL = new TimeWindow(null, null);

    public String fromId() {
        return sinceMs == null ? "-" : Long.toString(Math.max(0, sinceMs));
    }

    public String toId() {
        return untilMs == null ? "+" : Long.toString(Math.max(0, untilMs));
    }
}
