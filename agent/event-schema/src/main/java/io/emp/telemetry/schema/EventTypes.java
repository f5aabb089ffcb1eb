package io.emp.telemetry.schema;

/** Event type names the agent itself emits; names follow {@code entity.action}. */
public final class EventTypes {
    public static final String EVENTS_DROPPED = "telemetry.events_dropped";
    /** Written by the collector to the events stream: entries it detected as lost (see docs/event-schema.md). */
    public static final String ENTRIES_LOST = "telemetry.entries_lost";
    public static final String FAILED_SUFFIX = "_failed";

    /** {@code true} for {@code x.y_failed} and other names the schema treats as failures. */
    public static boolean isFailure(String eventType) {
        return eventType != null && (eventType.endsWith(FAILED_SUFFIX) || eventType.endsWith(".error")
                || eventType.endsWith(".failed"));
    }

    private EventTypes() {
    }
}
