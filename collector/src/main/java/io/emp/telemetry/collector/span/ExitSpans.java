package io.emp.telemetry.collector.span;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.otlp.EventAttributes;
import io.emp.telemetry.collector.export.otlp.EventResources;
import io.emp.telemetry.collector.export.otlp.LogRecordMapper;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A span from one exit event, without state: the event carries its span id, parent span id and
 * duration, so the span ran from {@code timestamp − durationMs} to {@code timestamp}.
 */
final class ExitSpans {
    private final EventResources resources;

    ExitSpans(EventResources resources) {
        this.resources = resources;
    }

    /** Duration in nanoseconds, or -1 when the event carries none. */
    static long durationNanos(TelemetryEvent e) {
        Object d = e.data().get(Attributes.DURATION_MS);
        double ms;
        if (d instanceof Number n) ms = n.doubleValue();
        else if (d instanceof String s) {
            try {
                ms = Double.parseDouble(s);
            } catch (NumberFormatException ex) {
                return -1;
            }
        } else return -1;
        return ms < 0 || Double.isNaN(ms) || Double.isInfinite(ms) ? -1 : (long) (ms * 1_000_000);
    }

    SpanData span(ConsumedEvent c, long durationNanos) {
        TelemetryEvent e = c.event();
        long end = e.timestamp() * 1_000_000L;
        SpanContext parent = e.parentSpanId() == null ? SpanContext.getInvalid()
                : LogRecordMapper.spanContext(e.traceId(), e.parentSpanId());
        return new EventSpanData(SpanNames.name(e), SpanNames.kind(e), LogRecordMapper.spanContext(e.traceId(), e.spanId()),
                parent, status(e), end - durationNanos, end, attributes(e, e.data()), exceptionEvents(e), List.of(),
                LogRecordMapper.SCOPE, resources.forEvent(c));
    }

    /** The semantic conventions' {@code exception} span event, for a span that ended with an exception. */
    static List<EventData> exceptionEvents(TelemetryEvent e) {
        if (!e.isError()) return List.of();
        AttributesBuilder a = io.opentelemetry.api.common.Attributes.builder();
        EventAttributes.putException(a, e);
        return List.of(EventData.create(e.timestamp() * 1_000_000L, "exception", a.build()));
    }

    static StatusData status(TelemetryEvent e) {
        if (e.isError()) return StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, e.errorType() + ": " + e.errorMessage());
        if (EventTypes.isFailure(e.eventType())) return StatusData.error();
        return StatusData.unset();
    }

    static io.opentelemetry.api.common.Attributes attributes(TelemetryEvent e, Map<String, Object> data) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.remove(Attributes.DURATION_MS);
        d.remove(Attributes.LINK_TRACE_ID);
        d.remove(Attributes.LINK_SPAN_ID);
        AttributesBuilder a = io.opentelemetry.api.common.Attributes.builder();
        EventAttributes.putIds(a, e);
        EventAttributes.putData(a, d);
        if (e.isError()) {
            a.put(Attributes.ERROR_TYPE, e.errorType());
        }
        return a.build();
    }
}
