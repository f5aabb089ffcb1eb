package io.emp.telemetry.collector.export.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/** An event as an OTLP log record, handed straight to the SDK's log exporter. */
record EventLogRecord(Resource resource, InstrumentationScopeInfo scope, long timestampNanos, long observedNanos,
                      SpanContext spanContext, Severity severity, String body, Attributes attributes,
                      String eventName) implements LogRecordData {

    @Override public Resource getResource() { return resource; }
    @Override public InstrumentationScopeInfo getInstrumentationScopeInfo() { return scope; }
    @Override public long getTimestampEpochNanos() { return timestampNanos; }
    @Override public long getObservedTimestampEpochNanos() { return observedNanos; }
    @Override public SpanContext getSpanContext() { return spanContext; }
    @Override public Severity getSeverity() { return severity; }
    @Override public String getSeverityText() { return severity.name(); }

    @Override
    @SuppressWarnings("deprecation")
    public Body getBody() {
        return Body.string(body);
    }

    @Override public Value<?> getBodyValue() { return Value.of(body); }
    @Override public Attributes getAttributes() { return attributes; }
    @Override public int getTotalAttributeCount() { return attributes.size(); }
    @Override public String getEventName() { return eventName; }
}
