package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every event as an OTLP log record, exported synchronously so the batch is acknowledged only on success. */
public final class OtlpLogsExporter implements Exporter {
    private final LogRecordExporter exporter;
    private final LogRecordMapper mapper;
    private final long timeoutMillis;

    public OtlpLogsExporter(LogRecordExporter exporter, LogRecordMapper mapper, long timeoutMillis) {
        this.exporter = exporter;
        this.mapper = mapper;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String name() {
        return "otlp-logs";
    }

    @Override
    public ExportOutcome export(ExportBatch batch) {
        List<LogRecordData> records = new ArrayList<>(batch.events().size());
        for (ConsumedEvent e : batch.events()) records.add(mapper.map(e));
        return ResultCodes.await(exporter.export(records), timeoutMillis, "OTLP logs");
    }

    @Override
    public void close() {
        exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
}
