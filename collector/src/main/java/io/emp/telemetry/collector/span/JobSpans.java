package io.emp.telemetry.collector.span;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.otlp.EventResources;
import io.emp.telemetry.collector.export.otlp.LogRecordMapper;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The span of a job as a whole: pairs {@code job.created} with {@code job.completed}/{@code job.failed}
 * by job id, in whichever order they arrive, in a bounded table whose entries expire. The span id
 * is the job's root span id ({@link JobTrace#rootSpanId}); the request that created the job becomes
 * a span link. Shared by the stream threads (a job's end may come on the errors stream), hence synchronized.
 */
final class JobSpans {
    static final String CREATED = "job.created";
    static final String COMPLETED = "job.completed";
    static final String FAILED = "job.failed";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private final EventResources resources;
    private final int max;
    private final long ttlMillis;
    private final CollectorStats stats;
    private final LinkedHashMap<String, Half> open = new LinkedHashMap<>();

    JobSpans(EventResources resources, int max, Duration ttl, CollectorStats stats) {
        this.resources = resources;
        this.max = max;
        this.ttlMillis = ttl.toMillis();
        this.stats = stats;
    }

    static boolean isJobEvent(TelemetryEvent e) {
        String t = e.eventType();
        return e.jobId() != null && (CREATED.equals(t) || COMPLETED.equals(t) || FAILED.equals(t));
    }

    /** The job span when this event completes a pair, else {@code null} (the half is remembered). */
    synchronized SpanData accept(ConsumedEvent c) {
        TelemetryEvent e = c.event();
        expire();
        boolean created = CREATED.equals(e.eventType());
        Half other = open.get(e.jobId());
        if (other != null && other.created != created) {
            open.remove(e.jobId());
            return created ? span(c, other.event) : span(other.event, c);
        }
        if (!created && ExitSpans.durationNanos(e) >= 0) {
            // The end event knows the job's duration: no need to wait for job.created.
            return span(null, c);
        }
        open.put(e.jobId(), new Half(c, created, System.currentTimeMillis()));
        while (open.size() > max) {
            open.remove(open.keySet().iterator().next());
            stats.jobSpanUnpaired();
        }
        return null;
    }

    private void expire() {
        long cutoff = System.currentTimeMillis() - ttlMillis;
        for (Iterator<Half> it = open.values().iterator(); it.hasNext(); ) {
            if (it.next().seenAt >= cutoff) break;
            it.remove();
            stats.jobSpanUnpaired();
        }
    }

    int openJobs() {
        synchronized (this) {
            return open.size();
        }
    }

    private SpanData span(ConsumedEvent createdEntry, ConsumedEvent endEntry) {
        TelemetryEvent created = createdEntry == null ? null : createdEntry.event();
        TelemetryEvent end = endEntry.event();
        long endNanos = end.timestamp() * 1_000_000L;
        long startNanos = created != null ? created.timestamp() * 1_000_000L : endNanos - ExitSpans.durationNanos(end);
        Map<String, Object> data = new LinkedHashMap<>();
        if (created != null) data.putAll(created.data());
        data.putAll(end.data());
        TelemetryEvent first = created != null ? created : end;
        List<LinkData> links = created == null ? List.of() : link(created);
        SpanContext ctx = LogRecordMapper.spanContext(first.traceId(), JobTrace.rootSpanId(first.jobId()));
        return new EventSpanData("job", SpanKind.INTERNAL, ctx, SpanContext.getInvalid(), ExitSpans.status(end),
                startNanos, Math.max(endNanos, startNanos), ExitSpans.attributes(end, data), ExitSpans.exceptionEvents(end), links,
                LogRecordMapper.SCOPE, resources.forEvent(createdEntry != null ? createdEntry : endEntry));
    }

    private static List<LinkData> link(TelemetryEvent created) {
        Object trace = created.data().get(Attributes.LINK_TRACE_ID);
        Object span = created.data().get(Attributes.LINK_SPAN_ID);
        if (trace == null || span == null || !TRACE_ID.matcher(trace.toString()).matches()
                || !SPAN_ID.matcher(span.toString()).matches()) {
            return List.of();
        }
        return List.of(LinkData.create(LogRecordMapper.spanContext(trace.toString(), span.toString())));
    }

    private record Half(ConsumedEvent event, boolean created, long seenAt) {
    }
}
