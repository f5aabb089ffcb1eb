package io.emp.telemetry.it.app;

import io.emp.telemetry.api.EventAttribute;
import io.emp.telemetry.api.TelemetryEvent;

/** A generic interface: the implementation's erased signature differs from the declaration's. */
public interface Handler<T> {
    @TelemetryEvent("handler.handle")
    void handle(@EventAttribute("item") T item);
}
