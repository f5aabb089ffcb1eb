package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector's own logs encoding against the SDK's marshaler: both requests, decoded with
 * opentelemetry-proto, must be the same message (resources, scope, every field of every record).
 */
class LogsProtobufTest {
    private final EventResources resources = new EventResources(Resource.create(Attributes.of(
            io.opentelemetry.api.common.AttributeKey.stringKey("deployment.environment.name"), "test")));
    private final LogRecordMapper mapper = new LogRecordMapper(resources);

    @Test
    void encodesWhatTheSdkMarshalerEncodes() throws Exception {
        List<LogRecordData> records = List.of(
                mapper.map(event("api-server", "job.created", Map.of("job.type", "echo", "http.response.status_code", 201,
                        "ratio", 0.25, "retry", false, "big", 1L << 40, "zero", 0), false)),
                mapper.map(event("worker", "job.failed", Map.of("job.type", "image", "ümlaut → ✓", "värde 😀"), false)),
                mapper.map(errorEvent()),
                mapper.map(event("api-server", "job.completed", Map.of(), true)));

        ExportLogsServiceRequest ours = ExportLogsServiceRequest.parseFrom(LogsProtobuf.encode(records));
        ByteArrayOutputStream sdkBytes = new ByteArrayOutputStream();
        LogsRequestMarshaler.create(records).writeBinaryTo(sdkBytes);
        ExportLogsServiceRequest sdk = ExportLogsServiceRequest.parseFrom(sdkBytes.toByteArray());

        // The SDK groups resources in a HashMap: compare the resource groups as a set.
        assertEquals(Set.copyOf(sdk.getResourceLogsList()), Set.copyOf(ours.getResourceLogsList()));
        assertEquals(2, ours.getResourceLogsCount(), "one group per service");
        assertEquals(4, ours.getResourceLogsList().stream().mapToInt(r -> r.getScopeLogs(0).getLogRecordsCount()).sum());
    }

    @Test
    void zeroFalseAndEmptyValuesKeepTheirType() throws Exception {
        List<LogRecordData> records = List.of(mapper.map(event("api-server", "job.created",
                Map.of("zero", 0, "no", false, "empty", "", "nothing", 0.0), false)));
        LogRecord r = ExportLogsServiceRequest.parseFrom(LogsProtobuf.encode(records))
                .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        Set<String> seen = new HashSet<>();
        for (KeyValue kv : r.getAttributesList()) {
            seen.add(kv.getKey());
            AnyValue v = kv.getValue();
            switch (kv.getKey()) {
                case "zero" -> assertEquals(AnyValue.ValueCase.INT_VALUE, v.getValueCase());
                case "no" -> assertEquals(AnyValue.ValueCase.BOOL_VALUE, v.getValueCase());
                case "empty" -> assertEquals(AnyValue.ValueCase.STRING_VALUE, v.getValueCase());
                case "nothing" -> assertEquals(AnyValue.ValueCase.DOUBLE_VALUE, v.getValueCase());
                default -> { }
            }
        }
        assertTrue(seen.containsAll(Set.of("zero", "no", "empty", "nothing")), "attributes " + seen);
        assertEquals("job.created", r.getEventName());
        assertEquals(16, r.getTraceId().size());
        assertEquals(8, r.getSpanId().size());
        assertEquals(1, r.getFlags());
    }

    private static ConsumedEvent event(String service, String type, Map<String, Object> data, boolean fromErrors) {
        TelemetryEvent e = TelemetryEvent.builder(type).timestamp(1_796_000_000_123L).service(service)
                .traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331").parentSpanId("00f067aa0ba902b7")
                .jobId("job-1").workerId("worker-1").machineId("m-1").data(data).build();
        return new ConsumedEvent(fromErrors ? "emp:errors" : "emp:events", "1796000000123-0", fromErrors, e);
    }

    private static ConsumedEvent errorEvent() {
        TelemetryEvent e = TelemetryEvent.builder("connector.processing_failed").timestamp(1_796_000_000_456L).service("worker")
                .traceId("0af7651916cd43dd8448eb211c80319c").spanId("c7ad6b7169203332").jobId("job-1")
                .errorType("java.io.IOException").errorMessage("connection reset").errorStack("java.io.IOException: connection reset\n\tat x.y(Z.java:1)")
                .build();
        return new ConsumedEvent("emp:errors", "1796000000456-0", true, e);
    }
}
