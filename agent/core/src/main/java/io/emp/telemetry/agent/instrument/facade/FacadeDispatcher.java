package io.emp.telemetry.agent.instrument.facade;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.agent.emit.FacadeEvents;
import io.emp.telemetry.agent.emit.TraceContext;
import io.emp.telemetry.agent.emit.TraceContextSupplier;
import io.emp.telemetry.agent.instrument.AgentBridgeHandler;

import java.util.Map;

/**
 * Takes facade calls for the agent: {@link FacadeEvents} builds the event, placed in the calling
 * thread's current span (an instrumented method's, or the application's OpenTelemetry span).
 */
public final class FacadeDispatcher implements AgentBridgeHandler.FacadeTarget {
    private final EventSink sink;
    private final String service;

    public FacadeDispatcher(EventSink sink, String service) {
        this.sink = sink;
        this.service = service;
    }

    @Override
    public boolean dispatch(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error) {
        TraceContext context = current(origin);
        TraceContextSupplier supplier = () -> context;
        new FacadeEvents(sink, service, supplier).dispatch(kind, id, type, data, error);
        return true;
    }

    private static TraceContext current(Class<?> origin) {
        Span span = Spans.current();
        if (span != null) return TraceContext.of(span.traceId(), span.spanId(), span.parentSpanId());
        SpanContext otel = Spans.currentContext(origin);
        return otel == null ? null : TraceContext.of(otel.traceId(), otel.spanId(), null);
    }
}
