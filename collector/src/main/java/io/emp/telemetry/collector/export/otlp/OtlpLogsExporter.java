package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.opentelemetry.sdk.logs.data.LogRecordData;

import java.util.ArrayList;
import java.util.List;

/** Every event as an OTLP log record, exported synchronously so the batch is acknowledged only on success. */
public final class OtlpLogsExporter implements Exporter {
    private final SignalSender<LogRecordData> sender;
    private final LogRecordMapper mapper;

    public OtlpLogsExporter(SignalSender<LogRecordData> sender, LogRecordMapper mapper) {
        this.sender = sender;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "otlp-logs";
    }

    @Override
    public ExportOutcome export(ExportBatch batch) {
        List<LogRecordData> records = new ArrayList<>(batch.events().size());
        for (ConsumedEvent e : batch.events()) records.add(mapper.map(e));
        return sender.send(records);
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
