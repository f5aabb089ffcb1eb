package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.decode.ConsumedEvent;

import java.util.List;

/** Told about events once every exporter accepted them (alerts, metrics): redelivered failures are not counted twice. */
public interface ExportedListener {
    void onExported(List<ConsumedEvent> events);
}
