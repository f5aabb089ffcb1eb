package io.emp.telemetry.collector.support;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a test OTLP receiver decoded (over HTTP or gRPC), and whether it should refuse requests for now. */
public final class ReceivedTelemetry {
    private final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
    private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
    private final AtomicLong refuseUntilNanos = new AtomicLong();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean refuseForever;

    /** Answer 503 / UNAVAILABLE for this long from now. */
    public void refuseFor(java.time.Duration d) {
        refuseUntilNanos.set(System.nanoTime() + d.toNanos());
    }

    public void refuseForever(boolean on) {
        refuseForever = on;
    }

    boolean refusing() {
        boolean r = refuseForever || System.nanoTime() < refuseUntilNanos.get();
        if (r) refused.incrementAndGet();
        return r;
    }

    public int refusedRequests() {
        return refused.get();
    }

    void add(ExportLogsServiceRequest r) { logs.add(r); }
    void add(ExportTraceServiceRequest r) { traces.add(r); }
    void add(ExportMetricsServiceRequest r) { metrics.add(r); }

    /** A received log record with its resource. */
    public record Log(Resource resource, LogRecord record) {
        public String attr(String key) { return ReceivedTelemetry.attr(record.getAttributesList(), key); }
        public String resourceAttr(String key) { return ReceivedTelemetry.attr(resource.getAttributesList(), key); }
    }

    /** A received span with its resource. */
    public record ReceivedSpan(Resource resource, Span span) {
        public String attr(String key) { return ReceivedTelemetry.attr(span.getAttributesList(), key); }
        public String resourceAttr(String key) { return ReceivedTelemetry.attr(resource.getAttributesList(), key); }
    }

    public List<Log> logs() {
        List<Log> out = new ArrayList<>();
        for (ExportLogsServiceRequest r : logs) {
            for (ResourceLogs rl : r.getResourceLogsList()) {
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    for (LogRecord lr : sl.getLogRecordsList()) out.add(new Log(rl.getResource(), lr));
                }
            }
        }
        return out;
    }

    public List<ReceivedSpan> spans() {
        List<ReceivedSpan> out = new ArrayList<>();
        for (ExportTraceServiceRequest r : traces) {
            for (ResourceSpans rs : r.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) out.add(new ReceivedSpan(rs.getResource(), s));
                }
            }
        }
        return out;
    }

    /** A received metric with its resource. */
    public record ReceivedMetric(Resource resource, Metric metric) {
        public String resourceAttr(String key) { return ReceivedTelemetry.attr(resource.getAttributesList(), key); }
    }

    public List<ReceivedMetric> metricsWithResource() {
        List<ReceivedMetric> out = new ArrayList<>();
        for (ExportMetricsServiceRequest r : metrics) {
            for (ResourceMetrics rm : r.getResourceMetricsList()) {
                for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                    for (Metric m : sm.getMetricsList()) out.add(new ReceivedMetric(rm.getResource(), m));
                }
            }
        }
        return out;
    }

    public List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        for (ExportMetricsServiceRequest r : metrics) {
            for (ResourceMetrics rm : r.getResourceMetricsList()) {
                for (ScopeMetrics sm : rm.getScopeMetricsList()) out.addAll(sm.getMetricsList());
            }
        }
        return out;
    }

    /** Distinct stream entries received as logs (by {@code emp.entry.id}). */
    public Set<String> distinctEntryIds() {
        Set<String> ids = new HashSet<>();
        for (Log l : logs()) ids.add(l.attr("emp.stream") + "/" + l.attr("emp.entry.id"));
        return ids;
    }

    /** Log records received more than once (same stream entry). */
    public int duplicateLogs() {
        Map<String, Integer> counts = new HashMap<>();
        for (Log l : logs()) counts.merge(l.attr("emp.stream") + "/" + l.attr("emp.entry.id"), 1, Integer::sum);
        return counts.values().stream().mapToInt(c -> c - 1).sum();
    }

    public static String attr(List<KeyValue> kvs, String key) {
        for (KeyValue kv : kvs) {
            if (kv.getKey().equals(key)) return value(kv.getValue());
        }
        return null;
    }

    static String value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> v.toString();
        };
    }
}
