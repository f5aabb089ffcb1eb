package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.TelemetryEvent;

import java.util.Map;

/**
 * Where instrumentation hands events. Implementations return at once, never block on I/O and
 * never throw: they are called on application threads.
 */
public interface EventSink {
    /** Queues an event for its stream ({@code emp:errors} when it is an error, else {@code emp:events}). */
    void emit(TelemetryEvent event);

    /** Queues a high-frequency status message for a Pub/Sub channel; never written to a stream. */
    void publish(String channel, Map<String, ?> data);
}
