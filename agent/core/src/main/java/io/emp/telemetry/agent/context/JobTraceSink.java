package io.emp.telemetry.agent.context;

import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.Map;

/**
 * Holds the invariant "every event about a job is in the job's trace", for every way an event is
 * made (rules, annotations, the facade, HTTP and Redis instrumentations), in one place.
 * <p>
 * An event with a job id that was made in another trace (the HTTP request that created the job, the
 * worker's claim poll) is moved into the job's derived trace ({@code JobTrace}) as a child of the
 * job's root span, and remembers where it came from as a link: {@code link.traceId} and
 * {@code link.spanId} name the enclosing span in the original trace (the request's span for
 * {@code job.created}), which the collector exports as an OTLP span link.
 */
public final class JobTraceSink implements EventSink {
    private final EventSink delegate;

    public JobTraceSink(EventSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void emit(TelemetryEvent event) {
        delegate.emit(intoJobTrace(event));
    }

    @Override
    public void publish(String channel, Map<String, ?> data) {
        delegate.publish(channel, data);
    }

    /** {@code event} itself when it has no job id or already is in its job's trace; else a moved copy. */
    public static TelemetryEvent intoJobTrace(TelemetryEvent event) {
        String jobId = event.jobId();
        if (jobId == null || jobId.isEmpty()) return event;
        SpanContext job = JobTraces.parentFor(jobId);
        if (job.traceId().equals(event.traceId())) return event;
        TelemetryEvent.Builder moved = event.toBuilder()
                .traceId(job.traceId())
                .parentSpanId(job.spanId());
        if (event.traceId() != null && !event.traceId().isEmpty()) {
            String linkSpan = event.parentSpanId() != null ? event.parentSpanId() : event.spanId();
            moved.attribute(Attributes.LINK_TRACE_ID, event.traceId())
                    .attribute(Attributes.LINK_SPAN_ID, linkSpan);
        }
        return moved.build();
    }
}
