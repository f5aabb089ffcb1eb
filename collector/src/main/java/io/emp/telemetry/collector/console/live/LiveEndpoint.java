package io.emp.telemetry.collector.console.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.emp.telemetry.collector.console.web.Http;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.inspect.EventFilter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/live?service=&type=&job=&trace=&errors=true&kinds=event,status}: Server-Sent Events, from now on.
 * {@code event: event} carries one stream event (the file exporter's JSON shape), filtered like
 * {@code tail}; {@code event: status} one Pub/Sub message ({@code channel}, {@code id},
 * {@code message}, {@code receivedAt}; with {@code job=} only that job's); {@code event: redis} the
 * Redis connection state (sent first, then on every change); {@code event: dropped} how many
 * messages this page read too slowly to get. {@code kinds} limits which of event and status are sent
 * (redis and dropped always are). A comment every 15 s keeps proxies from closing it.
 */
public final class LiveEndpoint implements HttpHandler {
    static final int MAX_CLIENTS = 64;
    private static final long KEEPALIVE_MS = 15_000;

    private final LiveHub hub;
    private final RedisState state;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closing;

    public LiveEndpoint(LiveHub hub, RedisState state) {
        this.hub = hub;
        this.state = state;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            if (!"GET".equals(ex.getRequestMethod())) {
                Http.error(ex, 405, "GET only");
                return;
            }
            if (open.incrementAndGet() > MAX_CLIENTS) {
                Http.error(ex, 503, "too many live feeds open (" + MAX_CLIENTS + ")");
                return;
            }
            Map<String, String> q = Http.query(ex);
            EventFilter filter = new EventFilter(q.get("job"), q.get("service"), q.get("type"), q.get("trace"),
                    Boolean.parseBoolean(q.getOrDefault("errors", "false")));
            String job = q.get("job");
            Set<String> kinds = Set.of(q.getOrDefault("kinds", "event,status,redis").split(","));
            LiveSubscriber sub = new LiveSubscriber(m -> switch (m.kind()) {
                case EVENT -> kinds.contains("event") && filter.test((ConsumedEvent) m.subject());
                case STATUS -> kinds.contains("status") && (job == null || job.equals(((StatusListener.Status) m.subject()).id()));
                default -> true;
            });
            stream(ex, sub);
        } finally {
            open.decrementAndGet();
            ex.close();
        }
    }

    private void stream(HttpExchange ex, LiveSubscriber sub) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        hub.add(sub);
        try {
            write(out, "retry: 1000\n\n");
            write(out, frame(LiveHub.Kind.REDIS, state.snapshot()));
            while (!closing) {
                LiveHub.Message m = sub.next(KEEPALIVE_MS);
                write(out, m == null ? ": keep-alive\n\n" : frame(m.kind(), m.body()));
            }
        } catch (IOException gone) {
            // The page was closed: nothing to do.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.remove(sub);
        }
    }

    private static String frame(LiveHub.Kind kind, Object body) throws IOException {
        return "event: " + kind.wireName() + "\ndata: " + Http.JSON.writeValueAsString(body) + "\n\n";
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public int open() {
        return open.get();
    }

    /** Ends every open feed (the server is stopping). */
    public void close() {
        closing = true;
    }
}
