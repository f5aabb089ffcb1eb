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
 * second (sustained overload gives a steady trickle of reports, not one per drop). A count leaves the
 * "unreported" tally when its report is queued and goes back when Redis does not acknowledge the
 * report (rejected, connection lost, shutdown), so it is carried forward until a report lands or it
 * is logged at exit. Writer thread only.
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
        addAll(batch);
    }

    /** Appends a report for every reason with unreported drops, now (used by the final flush). */
    void addAll(List<PendingWrite> batch) {
        for (DropReason reason : DropReason.values()) {
            long n = counters.takeUnreported(reason);
            if (n <= 0) continue;
            try {
                batch.add(encoder.encodeDropReport(event(config.serviceName(), reason, n), reason, n));
            } catch (Throwable t) {
                counters.restoreUnreported(reason, n);
            }
        }
    }

    /** A report Redis did not take: its count is unreported again. */
    void notWritten(PendingWrite report) {
        counters.restoreUnreported(report.reportedReason, report.reportedCount);
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
