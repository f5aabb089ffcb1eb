package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.context.JobTraceSink;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What instrumentations share at run time: the call site table, the sink events go to, and the
 * common shape of span events (timestamp, service, trace, span and parent ids, duration).
 */
public final class AgentRuntime {
    private final CallSites callSites = new CallSites();
    private final String serviceName;
    private final EventSink sink;
    private final AtomicLong unroutable = new AtomicLong();

    public AgentRuntime(String serviceName, EventSink sink) {
        this.serviceName = serviceName;
        this.sink = sink;
    }

    public CallSites callSites() {
        return callSites;
    }

    public EventSink sink() {
        return sink;
    }

    public String serviceName() {
        return serviceName;
    }

    /** An event in {@code span}: the span's trace and span ids and its parent. */
    public TelemetryEvent.Builder spanEvent(String eventType, Span span) {
        return TelemetryEvent.builder(eventType)
                .timestamp(System.currentTimeMillis())
                .service(serviceName)
                .traceId(span.traceId())
                .spanId(span.spanId())
                .parentSpanId(span.parentSpanId());
    }

    /** The event that closes {@code span}: as {@link #spanEvent} plus {@code durationMs}. */
    public TelemetryEvent.Builder spanEndEvent(String eventType, Span span) {
        return spanEvent(eventType, span).attribute(Attributes.DURATION_MS, span.elapsedMillis());
    }

    /** To its stream ({@code emp:errors} for error events, else {@code emp:events}). */
    public void emit(TelemetryEvent event) {
        sink.emit(event);
    }

    /**
     * To a Pub/Sub channel, as one flat JSON object: the event's type, ids and error fields (named as
     * in a stream entry) plus its attributes, the shape the facade's status messages have too (the
     * emitter adds {@code timestamp} and {@code service}). A {@code null} channel (a template placeholder without a value)
     * cannot be routed: the event is counted as dropped and reported.
     */
    public void publish(String channel, TelemetryEvent event) {
        if (channel == null) {
            long n = unroutable.incrementAndGet();
            if (n == 1 || Long.bitCount(n) == 1) {
                Log.warn("emit", n + " event(s) of type " + event.eventType()
                        + " dropped so far: their channel template has a placeholder without a value");
            }
            return;
        }
        sink.publish(channel, statusPayload(JobTraceSink.intoJobTrace(event)));
    }

    static Map<String, Object> statusPayload(TelemetryEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(EventFields.EVENT_TYPE, event.eventType());
        putIfSet(out, EventFields.TRACE_ID, event.traceId());
        putIfSet(out, EventFields.SPAN_ID, event.spanId());
        putIfSet(out, EventFields.PARENT_SPAN_ID, event.parentSpanId());
        putIfSet(out, EventFields.JOB_ID, event.jobId());
        putIfSet(out, EventFields.WORKER_ID, event.workerId());
        putIfSet(out, EventFields.MACHINE_ID, event.machineId());
        putIfSet(out, EventFields.USER_ID, event.userId());
        putIfSet(out, EventFields.ERROR_TYPE, event.errorType());
        putIfSet(out, EventFields.ERROR_MESSAGE, event.errorMessage());
        for (Map.Entry<String, Object> e : event.data().entrySet()) out.putIfAbsent(e.getKey(), e.getValue());
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, String value) {
        if (value != null) out.put(key, value);
    }

    /** Events dropped because their channel could not be resolved. */
    public long unroutableCount() {
        return unroutable.get();
    }
}
