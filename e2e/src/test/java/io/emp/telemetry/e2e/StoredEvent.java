package io.emp.telemetry.e2e;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;

/** One decoded stream entry, with where it was stored. */
record StoredEvent(String stream, String entryId, TelemetryEvent event) {

    String type() {
        return event.eventType();
    }

    String service() {
        return event.service();
    }

    boolean inErrorStream() {
        return StreamDefaults.ERRORS_STREAM.equals(stream);
    }

    Object attribute(String key) {
        return event.data().get(key);
    }

    /** The attribute as text (numbers and booleans as written), null when absent. */
    String attributeText(String key) {
        Object value = attribute(key);
        return value == null ? null : String.valueOf(value);
    }

    /** When the call this event closes began: its timestamp minus its duration (entry events: the timestamp). */
    double startMillis() {
        Object duration = attribute(Attributes.DURATION_MS);
        return duration instanceof Number n ? event.timestamp() - n.doubleValue() : event.timestamp();
    }

    @Override
    public String toString() {
        return String.format("%-10s %-10s %-18s ts=%d %-32s trace=%s span=%s parent=%s job=%s data=%s%s",
                service(), stream, entryId, event.timestamp(), type(), event.traceId(), event.spanId(),
                event.parentSpanId(), event.jobId(), event.data(),
                event.errorType() == null ? "" : " error=" + event.errorType() + ": " + event.errorMessage());
    }
}
