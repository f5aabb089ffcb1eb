package io.emp.telemetry.collector.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP backend that hangs: the first {@code hangs} log requests are read and then never
 * answered (held for {@code hold}, then the connection is dropped); later ones are recorded and
 * answered 200. Traces are always accepted (not recorded).
 */
public final class HangingOtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ReceivedTelemetry received;
    private final AtomicInteger hangsLeft;
    private final AtomicInteger hung = new AtomicInteger();
    private final Duration hold;

    public HangingOtlpReceiver(ReceivedTelemetry received, int hangs, Duration hold) throws IOException {
        this.received = received;
        this.hangsLeft = new AtomicInteger(hangs);
        this.hold = hold;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/v1/logs", this::logs);
        server.createContext("/v1/traces", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Log requests that got no answer. */
    public int hung() {
        return hung.get();
    }

    private void logs(HttpExchange ex) throws IOException {
        try (ex) {
            InputStream in = ex.getRequestBody();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) in = new GZIPInputStream(in);
            byte[] body = in.readAllBytes();
            if (hangsLeft.getAndDecrement() > 0) {
                hung.incrementAndGet();
                try {
                    Thread.sleep(hold.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // closed without a response
            }
            received.add(ExportLogsServiceRequest.parseFrom(body));
            ex.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
