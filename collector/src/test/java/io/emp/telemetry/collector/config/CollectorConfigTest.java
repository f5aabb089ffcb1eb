package io.emp.telemetry.collector.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectorConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsUseTheSchemaStreamNamesAndTheFileExporter() {
        CollectorConfig c = CollectorConfig.load(null, Map.of(), Map.of());
        assertEquals("emp:events", c.events().stream());
        assertEquals("telemetry-collectors", c.events().group());
        assertEquals("emp:errors", c.errors().stream());
        assertEquals("error-collectors", c.errors().group());
        assertTrue(c.errors().errors());
        assertEquals(Set.of("file"), c.exporters());
        assertEquals(Path.of("logs/telemetry/events.jsonl"), c.filePath());
        assertEquals("127.0.0.1", c.healthHost());
    }

    @Test
    void otlpEndpointAloneTurnsOnOtlp() {
        CollectorConfig c = CollectorConfig.load(null, Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "https://ingress.example:4318"));
        assertEquals(Set.of("otlp"), c.exporters());
        assertEquals("https://ingress.example:4318", c.otel().get("otel.exporter.otlp.endpoint"));
        CollectorConfig empty = CollectorConfig.load(null, Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", ""));
        assertEquals(Set.of("file"), empty.exporters(), "an empty variable is not set");
    }

    @Test
    void environmentWinsOverSystemPropertiesOverFile() throws Exception {
        Path file = dir.resolve("collector.yaml");
        Files.writeString(file, """
                exporters: [file, console]
                collector:
                  batch-size: 50
                  batch-wait: 2s
                  health:
                    port: 9999
                otel:
                  exporter.otlp.headers: "Dash0-Dataset=x"
                """);
        CollectorConfig c = CollectorConfig.load(file, Map.of("emp.collector.batch-size", "60"),
                Map.of("EMP_COLLECTOR_HEALTH_PORT", "7777"));
        assertEquals(Set.of("file", "console"), c.exporters());
        assertEquals(60, c.batchSize());
        assertEquals(Duration.ofSeconds(2), c.batchWait());
        assertEquals(7777, c.healthPort());
        assertEquals("Dash0-Dataset=x", c.otel().get("otel.exporter.otlp.headers"));
    }

    @Test
    void badValuesNameTheirSource() throws Exception {
        ConfigException env = assertThrows(ConfigException.class,
                () -> CollectorConfig.load(null, Map.of(), Map.of("EMP_COLLECTOR_CLAIM_IDLE", "soon")));
        assertTrue(env.getMessage().contains("EMP_COLLECTOR_CLAIM_IDLE"), env.getMessage());
        assertTrue(env.getMessage().contains("not a duration"), env.getMessage());

        ConfigException exporters = assertThrows(ConfigException.class,
                () -> CollectorConfig.load(null, Map.of(), Map.of("EMP_EXPORTERS", "file,kafka")));
        assertTrue(exporters.getMessage().contains("unknown exporter 'kafka'"), exporters.getMessage());

        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "collector:\n  batch-size: 10\n  btach-wait: 1s\n");
        ConfigException typo = assertThrows(ConfigException.class, () -> CollectorConfig.load(file, Map.of(), Map.of()));
        assertTrue(typo.getMessage().contains(file.toString()) && typo.getMessage().contains("collector.btach-wait"), typo.getMessage());

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "collector:\n  batch-size: [1\n");
        ConfigException yaml = assertThrows(ConfigException.class, () -> CollectorConfig.load(broken, Map.of(), Map.of()));
        assertTrue(yaml.getMessage().contains("line"), yaml.getMessage());
    }

    @Test
    void everySettingHasAnEnvironmentName() {
        for (Setting s : Setting.values()) {
            assertTrue(s.envName().matches("EMP_[A-Z0-9_]+"), s.envName());
            assertFalse(s.description().isEmpty());
        }
        assertEquals("EMP_COLLECTOR_HEALTH_PORT", Setting.HEALTH_PORT.envName());
        assertEquals("EMP_REDIS_URL", Setting.REDIS_URL.envName());
    }

    @Test
    void theReferenceDocumentsEverySetting() throws Exception {
        String doc = Files.readString(Path.of("../docs/collector.md"));
        for (Setting s : Setting.values()) {
            assertTrue(doc.contains("| `" + s.key() + "` | `" + s.envName() + "` |"), "docs/collector.md lacks " + s.key());
        }
    }
}
