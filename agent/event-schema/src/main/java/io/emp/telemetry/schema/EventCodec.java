package io.emp.telemetry.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes events to stream-entry fields and decodes them back. The one place that knows how an
 * event looks on the wire: the agent's writer and the collector's reader both use it.
 * Thread-safe. Encoding and decoding stream with {@code jackson-core} only (no databind on either path:
 * the collector decodes every entry, and a tree or map binder per entry costs it CPU and classes).
 */
public final class EventCodec {
    /** Generators leave the target open: a sink's writer outlives the JSON written into it. */
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    /** Value caps tried in turn until the entry fits {@link Limits#MAX_ENCODED_EVENT_BYTES}. */
    private static final int[] VALUE_CAPS = {Limits.MAX_VALUE_CHARS, 512, 128, 32};

    private EventCodec() {
    }

    /** Entry fields in a stable order; size limits applied (cut values are marked). */
    public static Map<String, String> encode(TelemetryEvent event) {
        return encode(event, null);
    }

    /**
     * Entry fields as {@link #encode(TelemetryEvent)}, plus {@link EventFields#INSTANCE} when {@code instance}
     * (the writing process's {@code service.instance.id}) is given.
     */
    public static Map<String, String> encode(TelemetryEvent event, String instance) {
        return encode(event, instance, null);
    }

    /**
     * As {@link #encode(TelemetryEvent, String)}, with {@code defaultMachineId} (the writing process's
     * machine) as {@link EventFields#MACHINE_ID} when the event names no machine itself: a machine id the
     * event carries (a rule's extraction, a facade {@code machineEvent}) is what it is about and wins.
     */
    public static Map<String, String> encode(TelemetryEvent event, String instance, String defaultMachineId) {
        MapEntrySink sink = new MapEntrySink();
        encode(event, instance, defaultMachineId, sink);
        return sink.fields();
    }

    /**
     * The entry fields of {@link #encode(TelemetryEvent, String, String)}, in the same order and with the same
     * caps, written to {@code sink} instead of a map (the agent's writer encodes straight into a Redis command).
     * When the entry is larger than {@link Limits#MAX_ENCODED_EVENT_BYTES}, the sink is cleared and the event
     * written again with smaller value caps.
     */
    public static void encode(TelemetryEvent event, String instance, String defaultMachineId, EntrySink sink) {
        for (int i = 0; i < VALUE_CAPS.length; i++) {
            if (i > 0) sink.clear();
            int cap = VALUE_CAPS[i];
            write(event, instance, defaultMachineId, cap, Limits.MAX_ERROR_STACK_CHARS * cap / Limits.MAX_VALUE_CHARS, sink);
            if (sink.encodedBytes() <= Limits.MAX_ENCODED_EVENT_BYTES) return;
        }
    }

    private static void write(TelemetryEvent e, String instance, String defaultMachineId, int valueCap, int stackCap, EntrySink f) {
        f.field(EventFields.VERSION, e.version());
        f.field(EventFields.TIMESTAMP, e.timestamp());
        f.field(EventFields.SERVICE, nullToEmpty(e.service()));
        putIfPresent(f, EventFields.INSTANCE, instance, 64);
        f.field(EventFields.EVENT_TYPE, cut(e.eventType(), 256));
        f.field(EventFields.TRACE_ID, nullToEmpty(e.traceId()));
        f.field(EventFields.SPAN_ID, nullToEmpty(e.spanId()));
        putIfPresent(f, EventFields.PARENT_SPAN_ID, e.parentSpanId(), 64);
        putIfPresent(f, EventFields.JOB_ID, e.jobId(), 256);
        putIfPresent(f, EventFields.WORKER_ID, e.workerId(), 256);
        putIfPresent(f, EventFields.MACHINE_ID, e.machineId() != null ? e.machineId() : defaultMachineId, 256);
        putIfPresent(f, EventFields.USER_ID, e.userId(), 256);
        Writer data = f.beginValue(EventFields.DATA);
        writeData(e.data(), valueCap, data);
        f.endValue();
        if (e.errorType() != null) {
            f.field(EventFields.ERROR_TYPE, cut(e.errorType(), 512));
            f.field(EventFields.ERROR_MESSAGE, cut(nullToEmpty(e.errorMessage()), Math.min(valueCap, Limits.MAX_ERROR_MESSAGE_CHARS)));
            f.field(EventFields.ERROR_STACK, cut(nullToEmpty(e.errorStack()), stackCap));
        }
    }

    /** The {@code data} JSON object, with attribute count and value size capped. */
    public static String encodeData(Map<String, Object> data, int valueCap) {
        StringWriter w = new StringWriter(32 + Math.min(data.size(), Limits.MAX_ATTRIBUTES) * 24);
        writeData(data, valueCap, w);
        return w.toString();
    }

    /**
     * Writes {@link #encodeData(Map, int)}'s JSON to {@code out}: at most {@link Limits#MAX_ATTRIBUTES} attributes,
     * text values cut to {@code valueCap} characters and names to 128, and {@link Attributes#TRUNCATED} when
     * anything was left out or cut.
     */
    public static void writeData(Map<String, Object> data, int valueCap, Writer out) {
        try {
            if (needsShaping(data)) {
                writeJson(shaped(data, valueCap), out);
                return;
            }
            // The common case, streamed: no name is cut, so no two names can become one.
            try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
                g.writeStartObject();
                boolean truncated = false;
                int n = 0;
                for (Map.Entry<String, Object> entry : data.entrySet()) {
                    if (n++ >= Limits.MAX_ATTRIBUTES) {
                        truncated = true;
                        break;
                    }
                    Object v = entry.getValue();
                    g.writeFieldName(entry.getKey());
                    if (v instanceof Number || v instanceof Boolean) {
                        writeValue(g, v);
                    } else {
                        String s = String.valueOf(v);
                        String c = cut(s, valueCap);
                        truncated |= c != s;
                        g.writeString(c);
                    }
                }
                if (truncated) {
                    g.writeFieldName(Attributes.TRUNCATED);
                    g.writeBoolean(true);
                }
                g.writeEndObject();
            }
        } catch (IOException ex) {
            // The sinks' writers do not fail.
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** Names longer than 128 characters (cut, two may become one) or the truncation marker itself: shaped through a map. */
    private static boolean needsShaping(Map<String, Object> data) {
        if (data.containsKey(Attributes.TRUNCATED)) return true;
        for (String name : data.keySet()) {
            if (name.length() > 128) return true;
        }
        return false;
    }

    private static Map<String, Object> shaped(Map<String, Object> data, int valueCap) {
        Map<String, Object> out = new LinkedHashMap<>(Math.min(data.size(), Limits.MAX_ATTRIBUTES) + 1);
        boolean truncated = false;
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            if (out.size() >= Limits.MAX_ATTRIBUTES) {
                truncated = true;
                break;
            }
            Object v = entry.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                out.put(entry.getKey(), v);
            } else {
                String s = String.valueOf(v);
                String c = cut(s, valueCap);
                truncated |= c != s;
                out.put(cut(entry.getKey(), 128), c);
            }
        }
        if (truncated) out.put(Attributes.TRUNCATED, Boolean.TRUE);
        return out;
    }

    /** A flat JSON object of string, number and boolean values (anything else as its string form). */
    public static String toJson(Map<String, ?> values) {
        StringWriter w = new StringWriter(32 + values.size() * 24);
        try {
            writeJson(values, w);
        } catch (IOException ex) {
            // A StringWriter does not fail; keep the event anyway.
            return "{}";
        }
        return w.toString();
    }

    private static void writeJson(Map<String, ?> values, Writer out) throws IOException {
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> entry : values.entrySet()) {
                g.writeFieldName(entry.getKey());
                writeValue(g, entry.getValue());
            }
            g.writeEndObject();
        }
    }

    /** AtomicLong, LongAdder and the like: as a whole number when they hold one. */
    private static void writeOtherNumber(JsonGenerator g, Number n) throws IOException {
        double d = n.doubleValue();
        long l = n.longValue();
        if (d == (double) l) g.writeNumber(l);
        else g.writeNumber(d);
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Boolean) g.writeBoolean((Boolean) v);
        else if (v instanceof Integer || v instanceof Short || v instanceof Byte) g.writeNumber(((Number) v).intValue());
        else if (v instanceof Long) g.writeNumber((Long) v);
        else if (v instanceof Double) g.writeNumber((Double) v);
        else if (v instanceof Float) g.writeNumber((Float) v);
        else if (v instanceof BigDecimal) g.writeNumber((BigDecimal) v);
        else if (v instanceof BigInteger) g.writeNumber((BigInteger) v);
        else if (v instanceof Number) writeOtherNumber(g, (Number) v);
        else g.writeString(String.valueOf(v));
    }

    /** Decodes an entry; throws with a reason naming the field when the entry is not a valid event. */
    public static TelemetryEvent decode(Map<String, String> fields) throws MalformedEventException {
        String version = fields.get(EventFields.VERSION);
        if (version == null) throw new MalformedEventException("missing field '" + EventFields.VERSION + "'");
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException ex) {
            throw new MalformedEventException("field 'v' is not a number: " + cut(version, 40));
        }
        if (v < 1 || v > EventFields.SCHEMA_VERSION) {
            throw new MalformedEventException("unsupported schema version " + v);
        }
        String type = require(fields, EventFields.EVENT_TYPE);
        long timestamp;
        try {
            timestamp = Long.parseLong(require(fields, EventFields.TIMESTAMP));
        } catch (NumberFormatException ex) {
            throw new MalformedEventException("field 'timestamp' is not epoch milliseconds");
        }
        String traceId = require(fields, EventFields.TRACE_ID);
        if (!isLowerHex(traceId, 32)) throw new MalformedEventException("field 'traceId' is not 32 hex characters");
        String spanId = require(fields, EventFields.SPAN_ID);
        if (!isLowerHex(spanId, 16)) throw new MalformedEventException("field 'spanId' is not 16 hex characters");
        String parent = emptyToNull(fields.get(EventFields.PARENT_SPAN_ID));
        if (parent != null && !isLowerHex(parent, 16)) {
            throw new MalformedEventException("field 'parentSpanId' is not 16 hex characters");
        }
        TelemetryEvent.Builder b = TelemetryEvent.builder(type)
                .version(v)
                .timestamp(timestamp)
                .service(fields.getOrDefault(EventFields.SERVICE, ""))
                .traceId(traceId)
                .spanId(spanId)
                .parentSpanId(parent)
                .jobId(emptyToNull(fields.get(EventFields.JOB_ID)))
                .workerId(emptyToNull(fields.get(EventFields.WORKER_ID)))
                .machineId(emptyToNull(fields.get(EventFields.MACHINE_ID)))
                .userId(emptyToNull(fields.get(EventFields.USER_ID)))
                .errorType(emptyToNull(fields.get(EventFields.ERROR_TYPE)))
                .errorMessage(fields.get(EventFields.ERROR_MESSAGE))
                .errorStack(fields.get(EventFields.ERROR_STACK));
        String data = fields.get(EventFields.DATA);
        if (data != null && !data.isEmpty()) {
            try {
                b.data(decodeData(data));
            } catch (IOException | RuntimeException ex) {
                throw new MalformedEventException("field 'data' is not a JSON object: " + ex.getMessage(), ex);
            }
        }
        return b.build();
    }

    /**
     * The {@code data} JSON object as a map in field order: strings, booleans, numbers as Integer, Long or
     * BigInteger (whole) and Double, nested objects and arrays as maps and lists, {@code null} for JSON null.
     * What follows the object is ignored. A JSON {@code null} instead of an object gives {@code null}.
     */
    public static Map<String, Object> decodeData(String json) throws IOException {
        try (JsonParser p = JSON_FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) return null;
            if (first != JsonToken.START_OBJECT) {
                throw new IOException("expected an object, found " + (first == null ? "nothing" : first.asString()));
            }
            return readObject(p);
        }
    }

    /** The object whose START_OBJECT was just read, up to and including its END_OBJECT. */
    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, readValue(p));
        }
        if (t != JsonToken.END_OBJECT) throw new IOException("unexpected " + t + " in an object");
        return out;
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) throw new IOException("unexpected end of input");
        switch (t) {
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT: return p.getNumberValue();
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            case START_OBJECT: return readObject(p);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) throw new IOException("unexpected end of input in an array");
                    list.add(readValue(p));
                }
                return list;
            default: throw new IOException("unexpected " + t);
        }
    }

    /** {@code s} is exactly {@code length} characters of 0-9a-f (the wire form of W3C trace and span ids). */
    private static boolean isLowerHex(String s, int length) {
        if (s.length() != length) return false;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
        }
        return true;
    }

    private static String require(Map<String, String> fields, String name) throws MalformedEventException {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) throw new MalformedEventException("missing field '" + name + "'");
        return value;
    }

    /** Cuts {@code s} to at most {@code max} characters, marking the cut; returns {@code s} itself when it fits. */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int keep = Math.max(0, max - Limits.TRUNCATION_MARK.length());
        if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) keep--;
        return s.substring(0, keep) + Limits.TRUNCATION_MARK;
    }

    private static void putIfPresent(EntrySink f, String name, String value, int cap) {
        if (value != null && !value.isEmpty()) f.field(name, cut(value, cap));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
