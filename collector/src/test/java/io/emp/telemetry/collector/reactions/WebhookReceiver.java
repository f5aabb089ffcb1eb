package io.emp.telemetry.collector.reactions;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP receiver (JDK HttpServer): records every request; answers from a queue of statuses, then 200. */
final class WebhookReceiver implements AutoCloseable {
    record Request(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            return null;
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    volatile long delayMs;
    /** Requests to this path wait {@link #delayMs} before they are answered; null = every path. */
    volatile String slowPath;
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String slow = slowPath;
                long d = slow == null || slow.equals(ex.getRequestURI().getPath()) ? delayMs : 0;
                if (d > 0) Thread.sleep(d);
                Integer status = statuses.poll();
                int s = status == null ? 200 : status;
                if (s / 100 == 2) requests.add(new Request(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
                else requests.add(new Request("!" + s + ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
                ex.sendResponseHeaders(s, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Requests to {@code path} that were answered 2xx. */
    List<Request> accepted(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    long refused(String path) {
        return requests.stream().filter(r -> r.path().startsWith("!") && r.path().endsWith(path)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
