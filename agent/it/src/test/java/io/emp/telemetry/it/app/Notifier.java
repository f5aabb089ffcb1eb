package io.emp.telemetry.it.app;

import io.emp.telemetry.api.EventAttribute;
import io.emp.telemetry.api.TelemetryEvent;

/** The annotation sits on the interface method only. */
public interface Notifier {
    @TelemetryEvent("notify.send")
    void send(@EventAttribute("recipient") String to);
}
