package io.emp.telemetry.collector.console.api;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.file.EventJson;
import io.emp.telemetry.collector.inspect.EventFilter;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.TimeWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/events?service=&type=&job=&trace=&errors=true&limit=&since=&until=&last=}: the newest
 * matching events, oldest first, with the filters of {@code emp-collector search} ({@link EventFilter}).
 */
public final class EventsApi extends ApiHandler {
    private static final int MAX_LIMIT = 5000;

    public EventsApi(ConsoleContext ctx) {
        super(ctx);
    }

    @Override
    Object get(HttpExchange ex, Map<String, String> q) {
        int limit = limit(q.getOrDefault("limit", "100"));
        EventFilter filter = new EventFilter(q.get("job"), q.get("service"), q.get("type"), q.get("trace"),
                Boolean.parseBoolean(q.getOrDefault("errors", "false")));
        TimeWindow window = ctx.window(q);
        StreamScanner scanner = ctx.scanner();
        List<ConsumedEvent> found = new ArrayList<>();
        if (!filter.errorsOnly()) collect(scanner, ctx.eventsStream(), false, window, filter, found, limit);
        collect(scanner, ctx.errorsStream(), true, window, filter, found, limit);
        found.sort(Comparator.comparingLong((ConsumedEvent c) -> c.event().timestamp()).reversed());
        List<ConsumedEvent> newest = found.subList(0, Math.min(limit, found.size()));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = newest.size() - 1; i >= 0; i--) events.add(EventJson.of(newest.get(i)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("limited", found.size() > limit);
        out.put("truncated", scanner.truncated());
        return out;
    }

    private static void collect(StreamScanner scanner, String stream, boolean errors, TimeWindow window,
                                EventFilter filter, List<ConsumedEvent> into, int limit) {
        int[] n = {0};
        scanner.backward(stream, errors, window, c -> {
            if (filter.test(c)) {
                into.add(c);
                n[0]++;
            }
            return n[0] <= limit;
        });
    }

    private static int limit(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > MAX_LIMIT) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit: a number from 1 to " + MAX_LIMIT + " expected, got " + v);
        }
    }
}
