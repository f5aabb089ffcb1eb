package io.emp.telemetry.collector.health;

import io.emp.telemetry.collector.reactions.metrics.ReactionMetrics;

import java.util.Map;
import java.util.function.ToLongFunction;

/** Renders the stats in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
    private PrometheusText() {
    }

    static String render(CollectorStats stats) {
        StringBuilder sb = new StringBuilder(4096);
        perStream(sb, stats, "emp_collector_events_consumed_total", "counter", "Entries read from the stream", c -> c.consumed.sum());
        perStream(sb, stats, "emp_collector_events_exported_total", "counter", "Events exported and acknowledged", c -> c.exported.sum());
        perStream(sb, stats, "emp_collector_export_failures_total", "counter", "Failed export attempts (batches, retried)", c -> c.failedAttempts.sum());
        perStream(sb, stats, "emp_collector_events_deadlettered_total", "counter", "Entries moved to the dead-letter stream", c -> c.deadLettered.sum());
        perStream(sb, stats, "emp_collector_events_claimed_total", "counter", "Entries taken over from other consumers (XAUTOCLAIM)", c -> c.claimed.sum());
        perStream(sb, stats, "emp_collector_group_lag", "gauge", "Entries not yet delivered to the group (XINFO GROUPS lag)", c -> c.lag);
        perStream(sb, stats, "emp_collector_group_pending", "gauge", "Entries delivered but not acknowledged", c -> c.pending);
        perStream(sb, stats, "emp_collector_oldest_pending_ms", "gauge", "Idle time of the oldest pending entry", c -> c.oldestPendingMs);

        header(sb, "emp_collector_entries_lost_total", "counter",
                "Entries detected as lost, per stream and reason (trimmed_unread, stream_reset: a lower bound, dead_lettered)");
        for (Map.Entry<String, CollectorStats.StreamCounters> e : stats.streams().entrySet()) {
            for (Map.Entry<String, java.util.concurrent.atomic.LongAdder> lost : e.getValue().lost.entrySet()) {
                sb.append("emp_collector_entries_lost_total{stream=\"").append(e.getKey()).append("\",reason=\"")
                        .append(lost.getKey()).append("\"} ").append(lost.getValue().sum()).append('\n');
            }
        }
        perStream(sb, stats, "emp_collector_stream_resets_total", "counter", "Times the stream was found reset (Redis restarted empty, key or group gone)", c -> c.resets.sum());
        perStream(sb, stats, "emp_collector_stream_restarts_total", "counter", "Times the stream's consumer thread died and was restarted", c -> c.restarts.sum());
        perStream(sb, stats, "emp_collector_stream_stalled", "gauge", "1 while the stream's consumer is down (restarting)", c -> c.stalled == null ? 0 : 1);

        header(sb, "emp_collector_exporter_failures_total", "counter", "Failed export attempts per exporter");
        for (Map.Entry<String, CollectorStats.ExporterState> e : stats.exporters().entrySet()) {
            sb.append("emp_collector_exporter_failures_total{exporter=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue().failures.sum()).append('\n');
        }
        header(sb, "emp_collector_otlp_rejected_total", "counter",
                "Items an OTLP backend rejected in a partial success (dropped, not retried), per signal");
        for (var e : stats.otlpRejected().entrySet()) {
            sb.append("emp_collector_otlp_rejected_total{signal=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue().sum()).append('\n');
        }
        header(sb, "emp_collector_export_duration_seconds", "histogram", "Time from first export attempt to success, per batch");
        long[] buckets = stats.latencyBucketCounts();
        long cumulative = 0;
        for (int i = 0; i < CollectorStats.LATENCY_BOUNDS.length; i++) {
            cumulative += buckets[i];
            sb.append("emp_collector_export_duration_seconds_bucket{le=\"").append(CollectorStats.LATENCY_BOUNDS[i])
                    .append("\"} ").append(cumulative).append('\n');
        }
        cumulative += buckets[buckets.length - 1];
        sb.append("emp_collector_export_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        sb.append("emp_collector_export_duration_seconds_sum ").append(stats.latencySumSeconds()).append('\n');
        sb.append("emp_collector_export_duration_seconds_count ").append(stats.latencyCount()).append('\n');

        header(sb, "emp_collector_alerts_total", "counter", "Alerts raised");
        sb.append("emp_collector_alerts_total ").append(stats.alerts()).append('\n');
        header(sb, "emp_collector_job_spans_unpaired_total", "counter", "Job end events whose job.created was not seen (no job span)");
        sb.append("emp_collector_job_spans_unpaired_total ").append(stats.unpairedJobSpans()).append('\n');
        header(sb, "emp_collector_redis_up", "gauge", "1 when the last Redis call succeeded");
        sb.append("emp_collector_redis_up ").append(stats.redisReachable() ? 1 : 0).append('\n');
        if (stats.reactions() != null) ReactionMetrics.prometheus(sb, stats.reactions());
        return sb.toString();
    }

    private static void perStream(StringBuilder sb, CollectorStats stats, String name, String type, String help,
                                  ToLongFunction<CollectorStats.StreamCounters> value) {
        header(sb, name, type, help);
        for (Map.Entry<String, CollectorStats.StreamCounters> e : stats.streams().entrySet()) {
            sb.append(name).append("{stream=\"").append(e.getKey()).append("\"} ")
                    .append(value.applyAsLong(e.getValue())).append('\n');
        }
    }

    private static void header(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
