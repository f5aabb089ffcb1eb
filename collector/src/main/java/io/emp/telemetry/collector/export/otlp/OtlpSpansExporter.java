package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** The spans derived from a batch, exported synchronously (part of what must succeed before XACK). */
public final class OtlpSpansExporter implements Exporter {
    private final SignalSender<SpanData> sender;

    public OtlpSpansExporter(SignalSender<SpanData> sender) {
        this.sender = sender;
    }

    @Override
    public String name() {
        return "otlp-traces";
    }

    @Override
    public ExportOutcome export(ExportBatch batch) {
        if (batch.spans().isEmpty()) return ExportOutcome.ok();
        return sender.send(batch.spans());
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
