package io.emp.telemetry.collector.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.collector.reactions.metrics.ReactionMetrics;

import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.json.JsonValues;

import java.io.IOException;
import java.net.BindException;
import java.util.logging.Logger;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code /health} (JSON) and {@code /metrics} (Prometheus text) on a loopback address by default. */
public final class HealthServer implements AutoCloseable {

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

    /** Ports tried after a configured one that is taken (a second collector on the host with default settings). */
    static final int PORTS_TRIED = 10;
    /** A consumer loop that has not gone round for this long (with Redis and the exporters fine) is stuck. */
    static final long STUCK_AFTER_MS = 120_000;
    private static final Logger LOG = Logger.getLogger(HealthServer.class.getName());

    /**
     * Opens the endpoint on {@code port}, or when that is taken on the next free one of the
     * following {@value #PORTS_TRIED} − 1 (WARNING line naming it; the heartbeat hash records it).
     * All taken: one configuration error naming the range.
     */
    public static HealthServer openNear(String host, int port, CollectorStats stats, String consumer) {
        int tries = port == 0 ? 1 : Math.min(PORTS_TRIED, 65536 - port);
        for (int p = port; p < port + tries; p++) {
            try {
                HealthServer server = new HealthServer(host, p, stats, consumer);
                if (p != port) {
                    LOG.warning("health port " + port + " on " + host + " is in use (another collector?); /health and"
                            + " /metrics are on port " + p + " instead (set collector.health.port to choose)");
                }
                return server;
            } catch (BindException taken) {
                // Next one.
            } catch (IOException e) {
                throw new ConfigException("collector.health.host/port: cannot listen on " + host + ":" + p + ": " + e.getMessage());
            }
        }
        throw new ConfigException("collector.health.port: ports " + port + "-" + (port + tries - 1) + " on " + host
                + " are all in use; set collector.health.port (0 = any free port, -1 = off)");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        Map<String, Object> body = healthJson();
        // 503 when this collector cannot make progress by itself: Redis unreachable, or a stream's consumer stalled.
        boolean ok = Boolean.TRUE.equals(body.get("redisReachable")) && stalledStreams().isEmpty();
        respond(ex, ok ? 200 : 503, "application/json", JsonValues.bytes(body));
    }

    Map<String, Object> healthJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        // Exporter trouble is "degraded", not a failed check: restarting the collector would not help the backend.
        List<String> stalled = stalledStreams();
        out.put("status", !stats.redisReachable() ? "redis-unreachable"
                : !stalled.isEmpty() || exportFailing() ? "degraded" : "ok");
        if (!stalled.isEmpty()) out.put("stalledStreams", stalled);
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
            s.put("state", c.stalled == null ? "running" : c.stalled);
            s.put("restarts", c.restarts.sum());
            s.put("resets", c.resets.sum());
            Map<String, Object> lost = new LinkedHashMap<>();
            c.lost.forEach((reason, n) -> lost.put(reason, n.sum()));
            s.put("lost", lost);
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
        out.put("lost", stats.streams().values().stream().mapToLong(CollectorStats.StreamCounters::lostTotal).sum());
        if (stats.reactions() != null) out.put("reactions", ReactionMetrics.json(stats.reactions()));
        return out;
    }

    /**
     * Streams whose consumer died and is being restarted, or whose loop has not gone round for
     * {@link #STUCK_AFTER_MS} although every exporter works (a failing exporter is reported as such).
     */
    private List<String> stalledStreams() {
        long now = System.currentTimeMillis();
        boolean exportFailing = exportFailing();
        List<String> out = new ArrayList<>();
        stats.streams().forEach((name, c) -> {
            boolean stuck = c.lastLoopAt > 0 && now - c.lastLoopAt > STUCK_AFTER_MS && !exportFailing && stats.redisReachable();
            if (c.stalled != null || stuck) out.add(name);
        });
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
