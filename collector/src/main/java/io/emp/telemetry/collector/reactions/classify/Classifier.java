package io.emp.telemetry.collector.reactions.classify;

import io.emp.telemetry.schema.TelemetryEvent;

import java.util.List;

/**
 * Classifies failures once per event, before any reaction runs. An event is a failure when it has an
 * {@code errorType} or its type ends in {@code _failed} / {@code .failed}; the first {@code classify:} rule whose
 * type and message patterns match decides, otherwise the failure is {@code unknown} and not recoverable.
 */
public final class Classifier {
    private final List<FailureRule> rules;

    public Classifier(List<FailureRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The classification, or null when the event is not a failure. */
    public Failure classify(TelemetryEvent e) {
        String type = e.errorType() != null ? e.errorType() : text(e.data().get("errorType"));
        String message = e.errorMessage() != null ? e.errorMessage() : text(e.data().get("error"));
        boolean failure = type != null || e.eventType().endsWith("_failed") || e.eventType().endsWith(".failed");
        if (!failure) return null;
        int attempt = number(e.data().get("attempt"));
        for (FailureRule r : rules) {
            if (r.matches(type, message)) {
                boolean retry = r.recoverable() && (attempt == 0 || attempt < r.maxAttempts());
                return new Failure(r.id(), type, message, r.category(), r.recoverable(), retry, r.delayMs(), attempt,
                        r.maxAttempts());
            }
        }
        return new Failure("default", type, message, "unknown", false, false, 0, attempt, 0);
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static int number(Object o) {
        if (o instanceof Number n) return n.intValue();
        try {
            return o == null ? 0 : Integer.parseInt(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
