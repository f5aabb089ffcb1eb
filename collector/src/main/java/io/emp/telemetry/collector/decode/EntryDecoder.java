package io.emp.telemetry.collector.decode;

import io.emp.telemetry.collector.consume.StreamEntry;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.MalformedEventException;

/** Turns raw entries into events through the one wire schema ({@link EventCodec}). */
public final class EntryDecoder {
    private EntryDecoder() {
    }

    public static ConsumedEvent decode(StreamEntry entry, boolean errorStream) throws MalformedEventException {
        if (entry.fields().isEmpty()) throw new MalformedEventException("entry has no fields (deleted or trimmed)");
        String instance = entry.fields().get(EventFields.INSTANCE);
        return new ConsumedEvent(entry.stream(), entry.id(), errorStream, EventCodec.decode(entry.fields()),
                instance == null || instance.isBlank() ? null : instance);
    }
}
