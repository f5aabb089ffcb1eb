package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.inspect.DurationStats;
import io.emp.telemetry.collector.inspect.EventFilter;
import io.emp.telemetry.collector.inspect.EventText;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.TimeWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Durations per event type over a window: count, p50/p95/p99/max and the slowest jobs. */
@Command(name = "perf", sortOptions = false,
        description = {"Show durations per event type: count, p50, p95, p99, max and the slowest jobs.",
                "Reads durationMs of both streams over a window (default: the last hour).",
                "Exit code: 0, 1 when no event has a duration, 2 Redis or configuration error."})
final class PerfCommand implements Callable<Integer> {
    @Option(names = "--service", paramLabel = "NAME", description = "only this service (exact or glob)")
    String service;

    @Option(names = "--type", paramLabel = "TYPE", description = "event type: substring or glob")
    String type;

    @Mixin
    TimeOptions time;

    @Option(names = "--slowest", defaultValue = "3", paramLabel = "N", description = "slowest events listed per type (default ${DEFAULT-VALUE})")
    int slowest;

    @Option(names = "--scan-limit", defaultValue = "200000", paramLabel = "N", description = "entries read per stream at most (default ${DEFAULT-VALUE})")
    long scanLimit;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() {
        if (time.since == null && time.last == null) time.last = "1h";
        TimeWindow window = time.window();
        EventFilter filter = new EventFilter(null, service, type, null, false);
        return redis.withRedis(session -> run(session, window, filter));
    }

    private int run(RedisSession session, TimeWindow window, EventFilter filter) {
        StreamScanner scanner = new StreamScanner(session.commands(), scanLimit);
        DurationStats stats = new DurationStats();
        scanner.forward(redis.eventsStream(), false, window, c -> {
            if (filter.test(c)) stats.add(c);
            return true;
        });
        scanner.forward(redis.errorsStream(), true, window, c -> {
            if (filter.test(c)) stats.add(c);
            return true;
        });
        ScanNotes.print(redis.err(), scanner);
        List<DurationStats.Row> rows = stats.rows(slowest);
        if (rows.isEmpty()) {
            redis.err().println("perf: no events with a durationMs (" + time.describe().substring(2) + ")");
            redis.err().flush();
            return 1;
        }
        if (redis.json) redis.printJson(json(rows));
        else print(redis.out(), rows, redis.style().limit(40));
        return 0;
    }

    private static void print(PrintWriter out, List<DurationStats.Row> rows, int typeChars) {
        int w = 10;
        for (DurationStats.Row r : rows) w = Math.max(w, Math.min(typeChars, r.eventType().length()));
        out.println("  " + EventText.pad("event", w) + "  " + EventText.padLeft("count", 6) + "  " + EventText.padLeft("p50", 9)
                + "  " + EventText.padLeft("p95", 9) + "  " + EventText.padLeft("p99", 9) + "  " + EventText.padLeft("max", 9)
                + "  slowest");
        for (DurationStats.Row r : rows) {
            List<String> slow = new ArrayList<>();
            for (ConsumedEvent c : r.slowest()) {
                slow.add(EventText.millis(DurationStats.millis(c)) + (c.event().jobId() == null ? "" : " " + c.event().jobId()));
            }
            out.println("  " + EventText.pad(EventText.cut(r.eventType(), typeChars), w) + "  " + EventText.padLeft(Integer.toString(r.count()), 6)
                    + "  " + EventText.padLeft(EventText.millis(r.p50()), 9) + "  " + EventText.padLeft(EventText.millis(r.p95()), 9)
                    + "  " + EventText.padLeft(EventText.millis(r.p99()), 9) + "  " + EventText.padLeft(EventText.millis(r.max()), 9)
                    + "  " + String.join(", ", slow));
        }
        out.flush();
    }

    private static List<Map<String, Object>> json(List<DurationStats.Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DurationStats.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventType", r.eventType());
            m.put("count", r.count());
            m.put("p50", r.p50());
            m.put("p95", r.p95());
            m.put("p99", r.p99());
            m.put("max", r.max());
            List<Map<String, Object>> slow = new ArrayList<>();
            for (ConsumedEvent c : r.slowest()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("durationMs", DurationStats.millis(c));
                s.put("jobId", c.event().jobId());
                s.put("service", c.event().service());
                s.put("entryId", c.entryId());
                slow.add(s);
            }
            m.put("slowest", slow);
            out.add(m);
        }
        return out;
    }
}
