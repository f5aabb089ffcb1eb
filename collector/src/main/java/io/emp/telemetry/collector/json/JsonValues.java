package io.emp.telemetry.collector.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and nulls with {@code jackson-core}'s generator, as databind's
 * {@code ObjectMapper} would (same order, same number forms, nulls kept), without a serializer lookup
 * per value and without databind's classes: the file exporter writes every event this way, the health
 * endpoint its answer.
 */
public final class JsonValues {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues() {
    }

    /** One JSON document, UTF-8. */
    public static byte[] bytes(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        }
        return out.toByteArray();
    }

    public static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof String) g.writeString((String) v);
        else if (v instanceof Boolean) g.writeBoolean((Boolean) v);
        else if (v instanceof Integer || v instanceof Short || v instanceof Byte) g.writeNumber(((Number) v).intValue());
        else if (v instanceof Long) g.writeNumber((Long) v);
        else if (v instanceof Double) g.writeNumber((Double) v);
        else if (v instanceof Float) g.writeNumber((Float) v);
        else if (v instanceof BigInteger) g.writeNumber((BigInteger) v);
        else if (v instanceof BigDecimal) g.writeNumber((BigDecimal) v);
        else if (v instanceof Map<?, ?>) writeObject(g, (Map<?, ?>) v);
        else if (v instanceof Iterable<?>) {
            g.writeStartArray();
            for (Object item : (Iterable<?>) v) write(g, item);
            g.writeEndArray();
        } else g.writeString(String.valueOf(v));
    }

    public static void writeObject(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            g.writeFieldName(String.valueOf(e.getKey()));
            write(g, e.getValue());
        }
        g.writeEndObject();
    }
}
