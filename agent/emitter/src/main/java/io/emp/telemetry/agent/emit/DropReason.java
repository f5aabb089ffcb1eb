package io.emp.telemetry.agent.emit;

/** Why an event was not written; the wire value is the {@code reason} attribute of {@code telemetry.events_dropped}. */
public enum DropReason {
    /** The in-memory queue was full (Redis slow or unreachable); the newest event is the one dropped. */
    QUEUE_FULL("queue_full"),
    /** Redis answered the XADD/PUBLISH with an error that retrying cannot fix (WRONGTYPE, NOPERM, OOM...). */
    REDIS_REJECTED("redis_rejected"),
    /** The event could not be encoded. */
    ENCODE_FAILED("encode_failed"),
    /** Still queued when the shutdown time budget ran out, or emitted after close. */
    SHUTDOWN("shutdown");

    private final String wireName;

    DropReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
