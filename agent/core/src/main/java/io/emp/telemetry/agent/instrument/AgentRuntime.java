package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What instrumentations share at run time: the call site table and the one place where every
 * event of an instrumented call (rules, annotations, facade, HTTP, Redis functions) gets its
 * common fields and its place in a trace.
 * <p>
 * Handlers build an event with {@link #event} / {@link #endEvent} and hand it over with the span
 * it belongs to ({@link #emit(Span, TelemetryEvent.Builder)}); trace, span and parent ids and the
 * link are taken from the span when the event is placed, which for a span still waiting for its
 * job ({@link Spans#openPending}) is when that span ends. Then the event goes down the sink chain
 * the installer built (readiness watch → emitter queue).
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

    /** A new event of {@code eventType}: timestamp and service; its ids come from its span when emitted. */
    public TelemetryEvent.Builder event(String eventType) {
        return TelemetryEvent.builder(eventType)
                .timestamp(System.currentTimeMillis())
                .service(serviceName);
    }

    /** The event that closes {@code span}: as {@link #event} plus {@code durationMs}. */
    public TelemetryEvent.Builder endEvent(String eventType, Span span) {
        return event(eventType).attribute(Attributes.DURATION_MS, span.elapsedMillis());
    }

    /**
     * To its stream ({@code emp:errors} for error events, else {@code emp:events}), in
     * {@code span}: now, or when the span's placement is settled.
     */
    public void emit(Span span, TelemetryEvent.Builder event) {
        if (Spans.holdUntilPlaced(span, () -> sink.emit(placed(span, event)))) return;
        sink.emit(placed(span, event));
    }

    /** An event that belongs to no span (the agent's own reports), as it is. */
    public void emit(TelemetryEvent event) {
        sink.emit(event);
    }

    /**
     * To a Pub/Sub channel, at once (status is live, never held), as one flat JSON object: the
     * event's type, ids and error fields (named as in a stream entry) plus its attributes, the shape
     * the facade's status messages have too (the emitter adds {@code timestamp} and {@code service}).
     * A {@code null} channel (a template placeholder without a value) cannot be routed: the event
     * is counted as dropped and reported.
     */
    public void publish(String channel, Span span, TelemetryEvent.Builder event) {
        if (channel == null) {
            long n = unroutable.incrementAndGet();
            if (n == 1 || Long.bitCount(n) == 1) {
                Log.warn("emit", n + " event(s) dropped so far: their channel template has a placeholder without a value");
            }
            return;
        }
        sink.publish(channel, statusPayload(placed(span, event)));
    }

    /** The facade's status messages: the application's own map, to its channel. */
    public void publish(String channel, Map<String, ?> data) {
        sink.publish(channel, data);
    }

    /** {@code event} with the ids of {@code span} as they are now, and its link if it has one. */
    static TelemetryEvent placed(Span span, TelemetryEvent.Builder event) {
        event.traceId(span.traceId()).spanId(span.spanId()).parentSpanId(span.parentSpanId());
        SpanContext link = span.link();
        if (link != null) {
            event.attribute(Attributes.LINK_TRACE_ID, link.traceId()).attribute(Attributes.LINK_SPAN_ID, link.spanId());
        }
        return event.build();
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
