package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The collector's JSON-lines file, one event a line, keyed by where the event was stored. */
final class ExportedEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportedEvents() {
    }

    /** Lines by {@link #key}; a line still being written (no newline yet) is left for the next read. */
    static Map<String, JsonNode> read(Path file) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n');
            if (complete < 0) return out;
            for (String line : text.substring(0, complete).split("\n")) {
                if (line.isBlank()) continue;
                JsonNode node = JSON.readTree(line);
                out.put(key(node.path("stream").asText(), node.path("entryId").asText()), node);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the collector's file " + file, e);
        }
    }

    static String key(StoredEvent event) {
        return key(event.stream(), event.entryId());
    }

    private static String key(String stream, String entryId) {
        return stream + " " + entryId;
    }
}
