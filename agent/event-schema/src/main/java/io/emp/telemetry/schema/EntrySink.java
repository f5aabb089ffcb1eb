package io.emp.telemetry.schema;

import java.io.Writer;

/**
 * Where {@link EventCodec#encode(TelemetryEvent, String, String, EntrySink)} puts an event's entry fields, in
 * wire order. The codec decides names, order, caps and the size limit; a sink only stores: as a map (the
 * collector, tests, {@link EventCodec#encode(TelemetryEvent)}) or as a Redis command's bytes (the agent's
 * writer, which so never builds the map, a string per field or a byte array per argument).
 */
public interface EntrySink {
    /** A field with a text value (never null; may be empty). */
    void field(String name, String value);

    /** A field with a whole-number value, written in decimal. */
    void field(String name, long value);

    /**
     * Starts a field whose value the codec writes as characters to the returned writer, closed by
     * {@link #endValue()} (the {@code data} JSON, written by a JSON generator straight into the sink's buffer).
     */
    Writer beginValue(String name);

    /** Ends the value started by {@link #beginValue(String)}. */
    void endValue();

    /**
     * Field-name characters plus value bytes in UTF-8 since the last {@link #clear()}: what
     * {@link Limits#MAX_ENCODED_EVENT_BYTES} bounds.
     */
    int encodedBytes();

    /** Forgets the fields written so far: the codec encodes again with smaller caps when the entry is too large. */
    void clear();
}
