package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.concurrent.TimeUnit;

/** The spans derived from a batch, exported synchronously (part of what must succeed before XACK). */
public final class OtlpSpansExporter implements Exporter {
    private final SpanExporter exporter;
    private final long timeoutMillis;

    public OtlpSpansExporter(SpanExporter exporter, long timeoutMillis) {
        this.exporter = exporter;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String name() {
        return "otlp-traces";
    }

    @Override
    public ExportOutcome export(ExportBatch batch) {
        if (batch.spans().isEmpty()) return ExportOutcome.ok();
        return ResultCodes.await(exporter.export(batch.spans()), timeoutMillis, "OTLP traces");
    }

    @Override
    public void close() {
        exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
}
