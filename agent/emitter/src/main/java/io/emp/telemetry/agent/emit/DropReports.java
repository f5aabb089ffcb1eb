package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns drop counts into {@code telemetry.events_dropped} events, appended to the writer's batch:
 * right after the connection returns (an outage's drops become one report), else at most once a
 * second (sustained overload gives a steady trickle of reports, not one per drop). Writer thread only.
 */
final class DropReports {
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EmitterConfig config;
    private final EmitterCounters counters;
    private final Encoder encoder;
    private boolean reportDue;
    private long lastReportNanos = System.nanoTime();

    DropReports(EmitterConfig config, EmitterCounters counters, Encoder encoder) {
        this.config = config;
        this.counters = counters;
        this.encoder = encoder;
    }

    void connectionReturned() {
        reportDue = true;
    }

    /** Appends one report per reason with unreported drops, when a report is due. */
    void addDue(List<PendingWrite> batch) {
        if (!counters.hasUnreported()) return;
        long now = System.nanoTime();
        if (!reportDue && now - lastReportNanos < REPORT_INTERVAL_NANOS) return;
        reportDue = false;
        lastReportNanos = now;
        for (DropReason reason : DropReason.values()) {
            // Shutdown drops happen when nothing can be written any more; they are logged instead.
            if (reason == DropReason.SHUTDOWN) continue;
            long n = counters.takeUnreported(reason);
            if (n <= 0) continue;
            try {
                batch.add(encoder.encodeDropReport(event(config.serviceName(), reason, n)));
            } catch (Throwable t) {
                counters.restoreUnreported(reason, n);
            }
        }
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
