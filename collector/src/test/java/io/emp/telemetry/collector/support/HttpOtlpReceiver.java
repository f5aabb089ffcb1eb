package io.emp.telemetry.collector.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/** OTLP/HTTP (protobuf) receiver on a real socket: decodes /v1/logs, /v1/traces, /v1/metrics with opentelemetry-proto. */
public final class HttpOtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ReceivedTelemetry received;
    private final Map<String, Queue<OtlpReply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Request>> requests = new ConcurrentHashMap<>();

    /** When a request arrived (System.nanoTime) and its headers, whatever the answer. */
    public record Request(long arrivedNanos, com.sun.net.httpserver.Headers headers) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    public HttpOtlpReceiver(ReceivedTelemetry received) throws IOException {
        this.received = received;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/v1/logs", ex -> handle(ex, Signal.LOGS));
        server.createContext("/v1/traces", ex -> handle(ex, Signal.TRACES));
        server.createContext("/v1/metrics", ex -> handle(ex, Signal.METRICS));
        server.start();
    }

    private enum Signal { LOGS, TRACES, METRICS }

    /** The next requests to {@code path} ("/v1/logs") get these answers, in order; then normal service. */
    public void script(String path, OtlpReply... replies) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
    }

    /** Every request to {@code path} so far, in arrival order. */
    public List<Request> requests(String path) {
        return List.copyOf(requests.getOrDefault(path, List.of()));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex, Signal signal) throws IOException {
        try (ex) {
            long arrived = System.nanoTime();
            String path = ex.getHttpContext().getPath();
            requests.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Request(arrived, ex.getRequestHeaders()));
            byte[] body = readBody(ex);
            if (received.refusing()) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            OtlpReply scripted = scripts.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            if (scripted != null) {
                if (scripted.accept()) record(signal, body);
                reply(ex, scripted);
                return;
            }
            byte[] response;
            switch (signal) {
                case LOGS -> {
                    received.add(ExportLogsServiceRequest.parseFrom(body));
                    response = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
                }
                case TRACES -> {
                    received.add(ExportTraceServiceRequest.parseFrom(body));
                    response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                }
                default -> {
                    received.add(ExportMetricsServiceRequest.parseFrom(body));
                    response = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
                }
            }
            ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(response);
                }
            }
        }
    }

    private void record(Signal signal, byte[] body) throws IOException {
        switch (signal) {
            case LOGS -> received.add(ExportLogsServiceRequest.parseFrom(body));
            case TRACES -> received.add(ExportTraceServiceRequest.parseFrom(body));
            default -> received.add(ExportMetricsServiceRequest.parseFrom(body));
        }
    }

    private static void reply(HttpExchange ex, OtlpReply r) throws IOException {
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(r.body());
            }
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) in = new GZIPInputStream(in);
        return in.readAllBytes();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
