package io.emp.telemetry.it.app.http;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * The test applications' own HTTP server: prints {@code received <path> <traceparent or none>}
 * for each request; {@code /missing} answers 404, {@code /redirect} 302 to {@code /landed},
 * anything else 200 "ok".
 */
final class LocalServer implements AutoCloseable {
    private final HttpServer server;

    LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String tp = exchange.getRequestHeaders().getFirst("traceparent");
            String path = exchange.getRequestURI().getPath();
            System.out.println("received " + path + " " + (tp == null ? "none" : tp));
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
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

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
