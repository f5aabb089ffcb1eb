package io.emp.telemetry.collector.support;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scripted answer of the test OTLP/HTTP receiver. {@code accept} says whether the request counts
 * as received (a partial success does; an error status does not).
 */
public record OtlpReply(int status, Map<String, String> headers, byte[] body, boolean accept) {
    public static OtlpReply status(int status) {
        return new OtlpReply(status, Map.of(), new byte[0], false);
    }

    public OtlpReply header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new OtlpReply(status, h, body, accept);
    }

    public OtlpReply body(String contentType, byte[] bytes) {
        return new OtlpReply(status, headers, bytes, accept).header("Content-Type", contentType);
    }

    /** 200 with {@code partial_success}: the backend kept the request but rejected {@code rejected} log records. */
    public static OtlpReply partialLogs(long rejected, String message) {
        byte[] body = ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                .setRejectedLogRecords(rejected).setErrorMessage(message)).build().toByteArray();
        return new OtlpReply(200, Map.of("Content-Type", "application/x-protobuf"), body, true);
    }
}
