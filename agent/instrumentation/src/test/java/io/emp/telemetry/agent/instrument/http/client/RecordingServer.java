package io.emp.telemetry.agent.instrument.http.client;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real local HTTP server for client tests that remembers the {@code traceparent} of each request
 * it got ("none" when absent): {@code /missing} answers 404, {@code /redirect} 302 to {@code /landed},
 * anything else 200 with a short body.
 */
public final class RecordingServer implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    public RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String tp = exchange.getRequestHeaders().getFirst("traceparent");
            received.add(exchange.getRequestURI().getPath() + " " + (tp == null ? "none" : tp));
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "/landed");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/missing")) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next request the server got: {@code "<path> <traceparent or none>"}. */
    public String next() throws InterruptedException {
        String r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("the server got no request");
        return r;
    }

    public void clear() {
        received.clear();
    }

    /** A port nothing listens on. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
