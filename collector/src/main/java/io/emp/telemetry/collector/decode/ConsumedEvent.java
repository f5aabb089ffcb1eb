package io.emp.telemetry.collector.decode;

import io.emp.telemetry.schema.TelemetryEvent;

/** A decoded event with the stream entry it came from (the entry id identifies duplicates downstream). */
public record ConsumedEvent(String stream, String entryId, boolean fromErrorStream, TelemetryEvent event) {
}
