package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;

/** Builds the {@code telemetry.events_dropped} event that makes drops visible downstream. */
final class DropReports {
    private DropReports() {
    }

    static TelemetryEvent event(String service, DropReason reason, long count) {
        return TelemetryEvent.builder(EventTypes.EVENTS_DROPPED)
                .timestamp(System.currentTimeMillis())
                .service(service)
                .traceId(Ids.newTraceId())
                .spanId(Ids.newSpanId())
                .attribute(Attributes.DROPPED_COUNT, count)
                .attribute(Attributes.DROP_REASON, reason.wireName())
                .build();
    }
}
