package io.emp.telemetry.collector.console.api;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.collector.inspect.ErrorSummary;
import io.emp.telemetry.collector.inspect.EventFilter;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.TimeWindow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/errors?service=&last=&since=&until=&top=}: the errors stream grouped as
 * {@code emp-collector errors} groups it ({@link ErrorSummary}), plus errors per minute by error type.
 */
public final class ErrorsApi extends ApiHandler {
    public ErrorsApi(ConsoleContext ctx) {
        super(ctx);
    }

    @Override
    Object get(HttpExchange ex, Map<String, String> q) {
        TimeWindow window = ctx.window(q);
        int top = q.containsKey("top") ? Integer.parseInt(q.get("top")) : 10;
        EventFilter filter = new EventFilter(null, q.get("service"), null, null, true);
        StreamScanner scanner = ctx.scanner();
        ErrorSummary summary = new ErrorSummary();
        long until = window.untilMs() == null ? System.currentTimeMillis() : window.untilMs();
        MinuteSeries rate = new MinuteSeries(window.sinceMs(), until);
        scanner.forward(ctx.errorsStream(), true, window, c -> {
            if (filter.test(c)) {
                summary.add(c);
                String type = c.event().errorType() != null ? c.event().errorType() : c.event().eventType();
                rate.add(type, c.event().timestamp());
            }
            return true;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", window.sinceMs());
        out.put("total", summary.total());
        out.put("first", summary.total() == 0 ? null : summary.first());
        out.put("last", summary.total() == 0 ? null : summary.last());
        out.put("groups", summary.groups());
        out.put("topMessages", summary.topMessages(top));
        out.put("perMinute", rate.json(5));
        out.put("truncated", scanner.truncated());
        return out;
    }
}
