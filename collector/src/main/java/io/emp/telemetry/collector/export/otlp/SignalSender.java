package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.export.ExportOutcome;

import java.util.Collection;

/** Sends one signal's items to the OTLP backend, once, and says how it went (with any Retry-After). */
public interface SignalSender<T> {
    ExportOutcome send(Collection<T> items);

    void shutdown();
}
