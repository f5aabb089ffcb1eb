package io.emp.telemetry.collector.export;

import java.time.Duration;

/** Whether an exporter accepted a batch; on failure a reason and, when the destination said so, how long to wait. */
public record ExportOutcome(boolean success, String error, Duration retryAfter) {
    private static final ExportOutcome OK = new ExportOutcome(true, null, null);

    public static ExportOutcome ok() {
        return OK;
    }

    public static ExportOutcome failed(String error) {
        return new ExportOutcome(false, error, null);
    }

    public static ExportOutcome failed(String error, Duration retryAfter) {
        return new ExportOutcome(false, error, retryAfter);
    }
}
