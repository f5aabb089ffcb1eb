package io.emp.telemetry.collector.console.api;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.Timeline;
import io.emp.telemetry.collector.inspect.TimeWindow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/throughput?last=30m}: events per minute by service and by event type (both
 * streams), and jobs created / completed / failed per minute.
 */
public final class ThroughputApi extends ApiHandler {
    public ThroughputApi(ConsoleContext ctx) {
        super(ctx);
    }

    @Override
    Object get(HttpExchange ex, Map<String, String> q) {
        if (!q.containsKey("since") && !q.containsKey("last")) q.put("last", "30m");
        TimeWindow window = ctx.window(q);
        long until = window.untilMs() == null ? System.currentTimeMillis() : window.untilMs();
        MinuteSeries byService = new MinuteSeries(window.sinceMs(), until);
        MinuteSeries byType = new MinuteSeries(window.sinceMs(), until);
        MinuteSeries jobs = new MinuteSeries(window.sinceMs(), until);
        for (String s : new String[]{"created", "completed", "failed"}) jobs.declare(s);
        Predicate<ConsumedEvent> count = c -> {
            long t = c.event().timestamp();
            byService.add(c.event().service(), t);
            byType.add(c.event().eventType(), t);
            switch (c.event().eventType()) {
                case Timeline.JOB_CREATED -> jobs.add("created", t);
                case Timeline.JOB_COMPLETED -> jobs.add("completed", t);
                case Timeline.JOB_FAILED -> jobs.add("failed", t);
                default -> { }
            }
            return true;
        };
        StreamScanner scanner = ctx.scanner();
        scanner.forward(ctx.eventsStream(), false, window, count);
        scanner.forward(ctx.errorsStream(), true, window, count);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("byService", byService.json(8));
        out.put("byType", byType.json(8));
        out.put("jobs", jobs.json(3));
        out.put("truncated", scanner.truncated());
        return out;
    }
}
