package io.emp.telemetry.collector.export.console;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.emp.telemetry.schema.TelemetryEvent;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One readable line per event, for debugging: {@code 12:00:01.123 api-server  job.created  job=… trace=… {data}}. */
public final class ConsoleExporter implements Exporter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final PrintStream out;

    public ConsoleExporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public ExportOutcome export(ExportBatch batch) {
        StringBuilder sb = new StringBuilder(batch.events().size() * 160);
        for (ConsumedEvent c : batch.events()) line(sb, c.event());
        synchronized (out) {
            out.print(sb);
            out.flush();
        }
        return out.checkError() ? ExportOutcome.failed("console output failed") : ExportOutcome.ok();
    }

    static void line(StringBuilder sb, TelemetryEvent e) {
        sb.append(TIME.format(Instant.ofEpochMilli(e.timestamp()))).append(' ')
                .append(String.format("%-14s %-34s", e.service(), e.eventType()));
        if (e.jobId() != null) sb.append(" job=").append(e.jobId());
        sb.append(" trace=").append(e.traceId()).append(" span=").append(e.spanId());
        if (!e.data().isEmpty()) sb.append(' ').append(e.data());
        if (e.isError()) sb.append(" !! ").append(e.errorType()).append(": ").append(e.errorMessage());
        sb.append('\n');
    }

    @Override
    public void close() {
        out.flush();
    }
}
