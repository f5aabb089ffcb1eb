package io.emp.telemetry.collector.export.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.emp.telemetry.collector.json.JsonValues;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One JSON object per line per event, appended to a size-rotated file. Written with jackson-core's
 * streaming generator (one per batch), not databind: this runs for every event the collector takes.
 */
public final class JsonLinesFileExporter implements Exporter {
    private static final JsonFactory JSON = new JsonFactory();

    private final RotatingFile file;

    public JsonLinesFileExporter(Path path, long maxBytes, int maxFiles) {
        this.file = new RotatingFile(path, maxBytes, maxFiles);
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public ExportOutcome export(ExportBatch batch) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(batch.events().size() * 512);
        try {
            try (JsonGenerator g = JSON.createGenerator(buf)) {
                // Each line ends with a newline instead of the generator's default space between root values.
                g.setRootValueSeparator(null);
                for (ConsumedEvent e : batch.events()) {
                    JsonValues.writeObject(g, EventJson.of(e));
                    g.writeRaw('\n');
                }
            }
            synchronized (file) {
                file.write(buf.toByteArray());
            }
            return ExportOutcome.ok();
        } catch (IOException e) {
            return ExportOutcome.failed("cannot write events file: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (file) {
            try {
                file.close();
            } catch (IOException ignored) {
                // Data was flushed after every batch.
            }
        }
    }
}
