package io.emp.telemetry.collector.export.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Log records as an OTLP {@code ExportLogsServiceRequest} in protobuf, written straight from the records
 * (field numbers of opentelemetry-proto's logs/v1, common/v1 and resource/v1). It does what the SDK's
 * {@code LogsRequestMarshaler} does for the collector's http/protobuf sender without a marshaler object per
 * record, attribute and value: the collector encodes every event it exports. Records are grouped by resource
 * and scope instance (the collector hands out one instance per service and one scope); each resource and scope
 * is encoded once per request.
 */
final class LogsProtobuf {
    /** Reused for every KeyValue and AnyValue of one request. */
    private final ProtoWriter keyValue = new ProtoWriter(256);
    private final ProtoWriter anyValue = new ProtoWriter(256);

    private LogsProtobuf() {
    }

    static byte[] encode(Collection<? extends LogRecordData> records) {
        return new LogsProtobuf().request(records);
    }

    private byte[] request(Collection<? extends LogRecordData> records) {
        Map<Resource, Map<InstrumentationScopeInfo, List<LogRecordData>>> groups = new IdentityHashMap<>();
        List<Resource> order = new ArrayList<>();
        for (LogRecordData r : records) {
            Map<InstrumentationScopeInfo, List<LogRecordData>> byScope = groups.get(r.getResource());
            if (byScope == null) {
                byScope = new IdentityHashMap<>();
                groups.put(r.getResource(), byScope);
                order.add(r.getResource());
            }
            byScope.computeIfAbsent(r.getInstrumentationScopeInfo(), s -> new ArrayList<>()).add(r);
        }
        ProtoWriter request = new ProtoWriter(records.size() * 512 + 256);
        ProtoWriter resourceLogs = new ProtoWriter(records.size() * 512 + 128);
        ProtoWriter scopeLogs = new ProtoWriter(records.size() * 512 + 64);
        ProtoWriter record = new ProtoWriter(1024);
        for (Resource resource : order) {
            resourceLogs.reset();
            resourceLogs.messageField(1, resource(resource));                 // ResourceLogs.resource
            for (Map.Entry<InstrumentationScopeInfo, List<LogRecordData>> e : groups.get(resource).entrySet()) {
                scopeLogs.reset();
                scopeLogs.messageField(1, scope(e.getKey()));                  // ScopeLogs.scope
                for (LogRecordData r : e.getValue()) {
                    record.reset();
                    writeRecord(record, r);
                    scopeLogs.messageField(2, record);                                  // ScopeLogs.log_records
                }
                scopeLogs.stringField(3, e.getKey().getSchemaUrl());                    // ScopeLogs.schema_url
                resourceLogs.messageField(2, scopeLogs);                                // ResourceLogs.scope_logs
            }
            resourceLogs.stringField(3, resource.getSchemaUrl());                       // ResourceLogs.schema_url
            request.messageField(1, resourceLogs);                                      // ExportLogsServiceRequest.resource_logs
        }
        return request.toByteArray();
    }

    private byte[] resource(Resource resource) {
        ProtoWriter w = new ProtoWriter(256);
        writeAttributes(w, 1, resource.getAttributes());                      // Resource.attributes
        return w.toByteArray();
    }

    private byte[] scope(InstrumentationScopeInfo scope) {
        ProtoWriter w = new ProtoWriter(64);
        w.stringField(1, scope.getName());                                              // InstrumentationScope.name
        w.stringField(2, scope.getVersion());                                           // .version
        writeAttributes(w, 3, scope.getAttributes());                          // .attributes
        return w.toByteArray();
    }

    private void writeRecord(ProtoWriter w, LogRecordData r) {
        w.fixed64Field(1, r.getTimestampEpochNanos());                                  // LogRecord.time_unix_nano
        if (r.getSeverity() != null) w.varintField(2, r.getSeverity().getSeverityNumber()); // .severity_number
        w.stringField(3, r.getSeverityText());                                          // .severity_text
        Value<?> body = r.getBodyValue();
        if (body != null) {
            anyValue.reset();
            writeValue(anyValue, body);
            w.messageField(5, anyValue);                                                // .body
        }
        writeAttributes(w, 6, r.getAttributes());                              // .attributes
        w.varintField(7, r.getTotalAttributeCount() - r.getAttributes().size());        // .dropped_attributes_count
        SpanContext ctx = r.getSpanContext();
        w.fixed32Field(8, ctx.getTraceFlags().asByte() & 0xFF);                         // .flags
        if (ctx.isValid()) {
            w.bytesField(9, ctx.getTraceIdBytes());                                     // .trace_id
            w.bytesField(10, ctx.getSpanIdBytes());                                     // .span_id
        }
        w.fixed64Field(11, r.getObservedTimestampEpochNanos());                         // .observed_time_unix_nano
        w.stringField(12, r.getEventName());                                            // .event_name
    }

    /** Each attribute as a KeyValue in {@code field}, in the attributes' own (sorted) order. */
    private void writeAttributes(ProtoWriter w, int field, Attributes attributes) {
        attributes.forEach((key, value) -> {
            keyValue.reset();
            keyValue.stringValue(1, key.getKey());                                      // KeyValue.key
            anyValue.reset();
            writeAttributeValue(anyValue, key, value);
            keyValue.messageField(2, anyValue);                                         // KeyValue.value
            w.messageField(field, keyValue);
        });
    }

    /** An attribute value as the fields of an AnyValue. */
    private static void writeAttributeValue(ProtoWriter any, AttributeKey<?> key, Object value) {
        switch (key.getType()) {
            case STRING -> any.stringValue(1, (String) value);                          // AnyValue.string_value
            case BOOLEAN -> any.boolField(2, (Boolean) value);                          // .bool_value
            case LONG -> longValue(any, (Long) value);                                  // .int_value
            case DOUBLE -> any.doubleField(4, (Double) value);                          // .double_value
            default -> {                                                                // arrays: .array_value
                ProtoWriter array = new ProtoWriter(64);
                for (Object item : (List<?>) value) {
                    ProtoWriter element = new ProtoWriter(32);
                    if (item instanceof String s) element.stringValue(1, s);
                    else if (item instanceof Boolean b) element.boolField(2, b);
                    else if (item instanceof Long l) longValue(element, l);
                    else if (item instanceof Double d) element.doubleField(4, d);
                    array.messageField(1, element);                                     // ArrayValue.values
                }
                any.messageField(5, array);
            }
        }
    }

    private static void longValue(ProtoWriter any, long v) {
        any.int64Value(3, v);
    }

    private static void writeValue(ProtoWriter any, Value<?> value) {
        if (value.getType() == ValueType.STRING) any.stringValue(1, (String) value.getValue());
        else if (value.getType() == ValueType.BOOLEAN) any.boolField(2, (Boolean) value.getValue());
        else if (value.getType() == ValueType.LONG) longValue(any, (Long) value.getValue());
        else if (value.getType() == ValueType.DOUBLE) any.doubleField(4, (Double) value.getValue());
        else any.stringValue(1, value.asString());
    }
}
