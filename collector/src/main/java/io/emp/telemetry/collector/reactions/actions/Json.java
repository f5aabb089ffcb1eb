package io.emp.telemetry.collector.reactions.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text of rendered templates (maps, lists, strings, numbers, booleans only, so it cannot fail). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendered template is not JSON-serialisable", e);
        }
    }
}
