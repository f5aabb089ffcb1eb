package io.emp.telemetry.collector.export.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** One JSON object per line per event, appended to a size-rotated file. */
public final class JsonLinesFileExporter implements Exporter {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            for (ConsumedEvent e : batch.events()) {
                JSON.writeValue(buf, EventJson.of(e));
                buf.write('\n');
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
