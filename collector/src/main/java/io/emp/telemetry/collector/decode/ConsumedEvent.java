package io.emp.telemetry.collector.decode;

import io.emp.telemetry.schema.TelemetryEvent;

/**
 * A decoded event with the stream entry it came from (the entry id identifies duplicates downstream) and the
 * entry's {@code instance} field ({@code service.instance.id} of the writing process, the key of its resource in
 * Redis; null for entries of agents that do not write it).
 */
public record ConsumedEvent(String stream, String entryId, boolean fromErrorStream, TelemetryEvent event, String instance) {
    public ConsumedEvent(String stream, String entryId, boolean fromErrorStream, TelemetryEvent event) {
        this(stream, entryId, fromErrorStream, event, null);
    }
}
