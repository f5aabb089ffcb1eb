package io.emp.telemetry.collector.span;

import io.emp.telemetry.collector.consume.SpanDeriver;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.otlp.EventResources;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Spans of a batch: one per exit event (has {@code durationMs}) and one per completed job. */
public final class SpanDerivation implements SpanDeriver {
    private final ExitSpans exits;
    private final JobSpans jobs;

    public SpanDerivation(EventResources resources, int maxOpenJobs, Duration jobTtl, CollectorStats stats) {
        this.exits = new ExitSpans(resources);
        this.jobs = new JobSpans(resources, maxOpenJobs, jobTtl, stats);
    }

    @Override
    public List<SpanData> spans(List<ConsumedEvent> events) {
        List<SpanData> out = new ArrayList<>();
        for (ConsumedEvent c : events) {
            TelemetryEvent e = c.event();
            if (JobSpans.isJobEvent(e)) {
                SpanData job = jobs.accept(c);
                if (job != null) out.add(job);
                continue;
            }
            long duration = ExitSpans.durationNanos(e);
            if (duration >= 0) out.add(exits.span(c, duration));
        }
        return out;
    }
}
