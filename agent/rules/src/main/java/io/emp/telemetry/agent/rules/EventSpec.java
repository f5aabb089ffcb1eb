package io.emp.telemetry.agent.rules;

import java.util.Map;

/** What a rule emits in one phase: the event type and where it goes. */
public final class EventSpec {
    private final String eventType;
    private final ChannelTemplate channel;

    public EventSpec(String eventType, ChannelTemplate channel) {
        this.eventType = eventType;
        this.channel = channel;
    }

    /** For example {@code connector.processing_started}. */
    public String eventType() {
        return eventType;
    }

    /** Null: the event goes to a stream. Otherwise a Pub/Sub channel template such as {@code job:{jobId}:status}. */
    public String channelTemplate() {
        return channel == null ? null : channel.template();
    }

    public boolean isPubSub() {
        return channel != null;
    }

    /**
     * The concrete channel for one event: placeholders are filled from the correlation ids ({@code jobId},
     * {@code workerId}, {@code machineId}, {@code userId}) and then from the event's attributes. Null when this
     * spec goes to a stream or a placeholder has no value (the event cannot be routed). Never throws.
     */
    public String resolveChannel(Correlation correlation, Map<String, Object> attributes) {
        return channel == null ? null : channel.resolve(correlation, attributes);
    }

    /** Static form of {@link #resolveChannel(Correlation, Map)}. */
    public static String resolveChannel(EventSpec spec, Correlation correlation, Map<String, Object> attributes) {
        return spec == null ? null : spec.resolveChannel(correlation, attributes);
    }

    @Override
    public String toString() {
        return channel == null ? eventType : eventType + " -> " + channel.template();
    }
}
