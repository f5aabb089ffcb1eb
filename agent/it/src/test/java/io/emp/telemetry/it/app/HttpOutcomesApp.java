package io.emp.telemetry.it.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * An API on the JDK HTTP server that answers health checks (healthy and not), rejects requests the ways real APIs
 * do (validation, rate limit, auth, unknown job) and fails one; it calls itself once per path (through
 * {@link HttpURLConnection}, which the agent does not instrument) and exits.
 */
public final class HttpOutcomesApp {
    static final String[] PATHS = {"/health", "/ready", "/internal/probe", "/jobs/ok", "/jobs/invalid",
            "/jobs/limited", "/jobs/secret", "/jobs/missing", "/jobs/broken"};

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"ok\"}"));
        server.createContext("/ready", exchange -> answer(exchange, 503, "{\"status\":\"starting\"}"));
        server.createContext("/internal/probe", exchange -> answer(exchange, 200, "{}"));
        server.createContext("/jobs", HttpOutcomesApp::jobs);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            for (String path : PATHS) {
                System.out.println(path + " -> " + get(base + path));
            }
        } finally {
            server.stop(0);
        }
        System.out.println("HTTP-OUTCOMES-DONE");
    }

    private static void jobs(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestURI().getPath()) {
            case "/jobs/ok":
                answer(exchange, 200, "{\"id\":\"1\"}");
                break;
            case "/jobs/invalid":
                answer(exchange, 400, "{\"error\":\"'type' must be a job type\"}");
                break;
            case "/jobs/limited":
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(exchange, 429, "{\"error\":\"too many job submissions\"}");
                break;
            case "/jobs/secret":
                answer(exchange, 401, "{\"error\":\"sign in\"}");
                break;
            case "/jobs/broken":
                answer(exchange, 500, "{\"error\":\"job store lost\"}");
                break;
            default:
                answer(exchange, 404, "{\"error\":\"no such job\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) in.readAllBytes();
        }
        c.disconnect();
        return status;
    }
}
