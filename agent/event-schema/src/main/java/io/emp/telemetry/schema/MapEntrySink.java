package io.emp.telemetry.schema;

import java.io.StringWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@link EntrySink} that keeps the fields as a map in wire order (what {@link EventCodec#encode(TelemetryEvent)} returns). */
final class MapEntrySink implements EntrySink {
    private Map<String, String> fields = new LinkedHashMap<>(24);
    private int bytes;
    private String valueName;
    private StringWriter value;

    @Override
    public void field(String name, String v) {
        fields.put(name, v);
        bytes += name.length() + Utf8.length(v);
    }

    @Override
    public void field(String name, long v) {
        field(name, Long.toString(v));
    }

    @Override
    public Writer beginValue(String name) {
        valueName = name;
        value = new StringWriter(64);
        return value;
    }

    @Override
    public void endValue() {
        field(valueName, value.toString());
        valueName = null;
        value = null;
    }

    @Override
    public int encodedBytes() {
        return bytes;
    }

    @Override
    public void clear() {
        fields = new LinkedHashMap<>(24);
        bytes = 0;
    }

    Map<String, String> fields() {
        return fields;
    }
}
