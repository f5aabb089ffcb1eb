package io.emp.telemetry.collector.export.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The {@code partial_success} of a 2xx OTLP response: how many items the backend refused and why.
 * The spec forbids retrying them, so they are counted as dropped.
 */
record PartialSuccess(long rejected, String message) {
    static final PartialSuccess NONE = new PartialSuccess(0, "");

    /** An empty or undecodable body is a full success (the spec allows servers to send nothing). */
    static PartialSuccess parse(OtlpSignal signal, byte[] body) {
        if (body == null || body.length == 0) return NONE;
        try {
            return switch (signal) {
                case LOGS -> {
                    var p = ExportLogsServiceResponse.parseFrom(body).getPartialSuccess();
                    yield new PartialSuccess(p.getRejectedLogRecords(), p.getErrorMessage());
                }
                case TRACES -> {
                    var p = ExportTraceServiceResponse.parseFrom(body).getPartialSuccess();
                    yield new PartialSuccess(p.getRejectedSpans(), p.getErrorMessage());
                }
                case METRICS -> {
                    var p = ExportMetricsServiceResponse.parseFrom(body).getPartialSuccess();
                    yield new PartialSuccess(p.getRejectedDataPoints(), p.getErrorMessage());
                }
            };
        } catch (InvalidProtocolBufferException e) {
            return NONE;
        }
    }

    /** A partial success may carry only a warning message with nothing rejected. */
    boolean isEmpty() {
        return rejected <= 0 && message.isEmpty();
    }
}
