package io.emp.telemetry.collector.loss;

/** Why entries were lost; {@link #wire()} is the {@code reason} of {@code telemetry.entries_lost} and the metric label. */
public enum LossReason {
    /** Trimmed (MAXLEN / MINID) or deleted before the consumer group read them. */
    TRIMMED_UNREAD("trimmed_unread"),
    /** The stream was reset (Redis restarted empty, the key deleted): what was not yet read is gone; a lower bound. */
    STREAM_RESET("stream_reset"),
    /** Moved to the dead-letter stream (undecodable, oversized, delivered too often): not exported, but kept there. */
    DEAD_LETTERED("dead_lettered");

    private final String wire;

    LossReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
