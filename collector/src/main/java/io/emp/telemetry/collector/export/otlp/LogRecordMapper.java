package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;

import java.util.concurrent.TimeUnit;

/**
 * Event → LogRecord: the event type as the record's EventName (the semantic conventions replaced the
 * {@code event.name} attribute by that field), data as attributes, severity ERROR for errors (WARN for other
 * failure events), the event's trace and span ids, the emitting process's resource ({@link EventResources}).
 * Error details use the semantic-convention {@code exception.*} attributes.
 */
public final class LogRecordMapper {
    public static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("io.emp.telemetry.collector")
            .setVersion(LogRecordMapper.class.getPackage().getImplementationVersion() == null
                    ? "dev" : LogRecordMapper.class.getPackage().getImplementationVersion())
            .build();

    private final EventResources resources;

    public LogRecordMapper(EventResources resources) {
        this.resources = resources;
    }

    public LogRecordData map(ConsumedEvent c) {
        TelemetryEvent e = c.event();
        AttributesBuilder a = io.opentelemetry.api.common.Attributes.builder();
        EventAttributes.putIds(a, e);
        EventAttributes.putData(a, e.data());
        if (e.isError()) EventAttributes.putException(a, e);
        a.put(EventAttributes.STREAM, c.stream());
        a.put(EventAttributes.ENTRY_ID, c.entryId());
        Severity severity = e.isError() || c.fromErrorStream() ? Severity.ERROR
                : EventTypes.isFailure(e.eventType()) ? Severity.WARN : Severity.INFO;
        String body = e.isError() && e.errorMessage() != null ? e.eventType() + ": " + e.errorMessage() : e.eventType();
        long nanos = TimeUnit.MILLISECONDS.toNanos(e.timestamp());
        return new EventLogRecord(resources.forEvent(c), SCOPE, nanos,
                TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()), spanContext(e.traceId(), e.spanId()),
                severity, body, a.build(), e.eventType());
    }

    public static SpanContext spanContext(String traceId, String spanId) {
        return SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    }
}
