package io.emp.telemetry.collector.export.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.support.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesFileExporterTest {
    @TempDir
    Path dir;

    @Test
    void writesOneJsonObjectPerLineAndRotatesBySize() throws Exception {
        Path file = dir.resolve("logs/events.jsonl");
        JsonLinesFileExporter exporter = new JsonLinesFileExporter(file, 2_000, 2);
        int written = 0;
        for (int batch = 0; batch < 10; batch++) {
            List<ConsumedEvent> events = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                events.add(new ConsumedEvent("emp:events", "1-" + written, false,
                        TestEvents.event("job.completed", "worker").jobId("job-" + written++).attribute("durationMs", 12).build()));
            }
            assertTrue(exporter.export(new ExportBatch(events, List.of())).success());
        }
        exporter.close();
        assertTrue(Files.exists(dir.resolve("logs/events.jsonl.1")));
        assertTrue(Files.exists(dir.resolve("logs/events.jsonl.2")));
        assertFalse(Files.exists(dir.resolve("logs/events.jsonl.3")), "only max-files rotated files are kept");
        assertTrue(Files.size(file) <= 2_000);
        List<String> lines = Files.readAllLines(file);
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("job-" + (written - 1), last.get("jobId").asText());
        assertEquals(12, last.get("data").get("durationMs").asInt());
        assertEquals("emp:events", last.get("stream").asText());
    }
}
