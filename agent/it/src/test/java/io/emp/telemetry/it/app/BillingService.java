package io.emp.telemetry.it.app;

import io.emp.telemetry.api.EventAttribute;
import io.emp.telemetry.api.JobId;
import io.emp.telemetry.api.Telemetry;
import io.emp.telemetry.api.TelemetryEvent;

import java.util.Map;

/** The annotation API on a class method; it also calls the facade from inside its span. */
public class BillingService {
    @TelemetryEvent("billing.invoice")
    public long invoice(@JobId String jobId, @EventAttribute("amount") long cents, @EventAttribute("password") String pw) {
        if (cents < 0) throw new IllegalArgumentException("negative amount " + cents);
        Telemetry.jobEvent(jobId, "billing.note", Map.of("note", "inside invoice"));
        return cents;
    }
}
