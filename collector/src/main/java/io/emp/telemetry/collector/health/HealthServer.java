package io.emp.telemetry.collector.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.collector.reactions.metrics.ReactionMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code /health} (JSON) and {@code /metrics} (Prometheus text) on a loopback address by default. */
public final class HealthServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final CollectorStats stats;
    private final String consumer;

    public HealthServer(String host, int port, CollectorStats stats, String consumer) throws IOException {
        this.stats = stats;
        this.consumer = consumer;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "emp-collector-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", this::health);
        server.createContext("/metrics", this::metrics);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        Map<String, Object> body = healthJson();
        boolean ok = Boolean.TRUE.equals(body.get("redisReachable"));
        respond(ex, ok ? 200 : 503, "application/json", JSON.writeValueAsBytes(body));
    }

    Map<String, Object> healthJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        // Exporter trouble is "degraded", not a failed check: restarting the collector would not help the backend.
        out.put("status", !stats.redisReachable() ? "redis-unreachable" : exportFailing() ? "degraded" : "ok");
        out.put("consumer", consumer);
        out.put("redisReachable", stats.redisReachable());
        out.put("lastSuccessfulExport", stats.lastSuccessfulExport());
        Map<String, Object> streams = new LinkedHashMap<>();
        stats.streams().forEach((name, c) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("consumed", c.consumed.sum());
            s.put("exported", c.exported.sum());
            s.put("deadLettered", c.deadLettered.sum());
            s.put("failedExportAttempts", c.failedAttempts.sum());
            s.put("claimed", c.claimed.sum());
            s.put("length", c.length);
            s.put("lag", c.lag);
            s.put("pending", c.pending);
            s.put("oldestPendingMs", c.oldestPendingMs);
            streams.put(name, s);
        });
        out.put("streams", streams);
        Map<String, Object> exporters = new LinkedHashMap<>();
        stats.exporters().forEach((name, e) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batches", e.batches.sum());
            m.put("failures", e.failures.sum());
            m.put("lastSuccess", e.lastSuccess.get());
            m.put("lastError", e.lastError.get());
            m.put("lastErrorAt", e.lastErrorAt);
            exporters.put(name, m);
        });
        out.put("exporters", exporters);
        out.put("alerts", stats.alerts());
        if (stats.reactions() != null) out.put("reactions", ReactionMetrics.json(stats.reactions()));
        return out;
    }

    private boolean exportFailing() {
        return stats.exporters().values().stream().anyMatch(e -> e.lastErrorAt > e.lastSuccess.get());
    }

    private void metrics(HttpExchange ex) throws IOException {
        respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                PrometheusText.render(stats).getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
