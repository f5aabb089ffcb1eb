package io.emp.telemetry.it.app;

import io.emp.telemetry.api.TelemetryBackend;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts facade calls that reach the installed backend: none when the agent has bound the facade. */
public final class CountingBackend implements TelemetryBackend {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void dispatch(String kind, String correlationId, String type, Map<String, ?> data, Throwable error) {
        calls.incrementAndGet();
    }
}
