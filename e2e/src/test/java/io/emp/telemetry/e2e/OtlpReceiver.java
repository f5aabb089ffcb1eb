package io.emp.telemetry.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver (protobuf) on 127.0.0.1: decodes every request with the opentelemetry-proto classes, keeps
 * them, answers 200 with an empty response message, as a backend would.
 */
final class OtlpReceiver implements AutoCloseable {
    /** A span with the resource it was sent under. */
    record ReceivedSpan(Resource resource, Span span) {
        String traceId() { return HexFormat.of().formatHex(span.getTraceId().toByteArray()); }
        String spanId() { return HexFormat.of().formatHex(span.getSpanId().toByteArray()); }
        String parentSpanId() { return span.getParentSpanId().isEmpty() ? null : HexFormat.of().formatHex(span.getParentSpanId().toByteArray()); }
        String attr(String key) { return OtlpReceiver.attr(span.getAttributesList(), key); }
        String resourceAttr(String key) { return OtlpReceiver.attr(resource.getAttributesList(), key); }

        @Override
        public String toString() {
            return span.getName() + " trace=" + traceId() + " span=" + spanId() + " parent=" + parentSpanId()
                    + " service=" + resourceAttr("service.name");
        }
    }

    /** A log record with its resource. */
    record ReceivedLog(Resource resource, LogRecord record) {
        String resourceAttr(String key) { return OtlpReceiver.attr(resource.getAttributesList(), key); }
    }

    private final HttpServer server;
    private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    private final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", ex -> handle(ex, () -> traces.add(ExportTraceServiceRequest.parseFrom(body(ex))),
                ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
        server.createContext("/v1/logs", ex -> handle(ex, () -> logs.add(ExportLogsServiceRequest.parseFrom(body(ex))),
                ExportLogsServiceResponse.getDefaultInstance().toByteArray()));
        server.createContext("/v1/metrics", ex -> handle(ex, () -> metrics.add(ExportMetricsServiceRequest.parseFrom(body(ex))),
                ExportMetricsServiceResponse.getDefaultInstance().toByteArray()));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        List<ReceivedSpan> out = new ArrayList<>();
        for (ExportTraceServiceRequest r : traces) {
            for (ResourceSpans rs : r.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) out.add(new ReceivedSpan(rs.getResource(), s));
                }
            }
        }
        return out;
    }

    List<ReceivedLog> logs() {
        List<ReceivedLog> out = new ArrayList<>();
        for (ExportLogsServiceRequest r : logs) {
            for (ResourceLogs rl : r.getResourceLogsList()) {
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    for (LogRecord lr : sl.getLogRecordsList()) out.add(new ReceivedLog(rl.getResource(), lr));
                }
            }
        }
        return out;
    }

    List<ExportMetricsServiceRequest> metrics() {
        return List.copyOf(metrics);
    }

    static String attr(List<KeyValue> kvs, String key) {
        for (KeyValue kv : kvs) {
            if (kv.getKey().equals(key)) return value(kv.getValue());
        }
        return null;
    }

    private static String value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> v.toString();
        };
    }

    private interface Decode {
        void run() throws IOException;
    }

    private static byte[] body(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) in = new GZIPInputStream(in);
        return in.readAllBytes();
    }

    private static void handle(HttpExchange ex, Decode decode, byte[] response) throws IOException {
        try (ex) {
            try {
                decode.run();
            } catch (IOException e) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, response.length);
            ex.getResponseBody().write(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
