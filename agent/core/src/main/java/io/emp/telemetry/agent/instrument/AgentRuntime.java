package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.TelemetryEvent;

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
     * To a Pub/Sub channel, with the same fields a stream entry has (so subscribers decode it with
     * {@code EventCodec.decode}). A {@code null} channel (a template placeholder without a value)
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
        sink.publish(channel, EventCodec.encode(event));
    }

    /** Events dropped because their channel could not be resolved. */
    public long unroutableCount() {
        return unroutable.get();
    }
}
