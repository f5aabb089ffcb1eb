package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.inspect.ErrorSummary;
import io.emp.telemetry.collector.inspect.EventFilter;
import io.emp.telemetry.collector.inspect.EventText;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.TimeWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Error analysis over a window: counts by error type and service, first/last seen, top messages. */
@Command(name = "errors", sortOptions = false,
        description = {"Summarise errors by type and service, with first/last seen and the top messages.",
                "Reads the errors stream over a window (default: the last hour). Messages are grouped by shape:",
                "numbers, ids, UUIDs and hex replaced by <n>, <id>, <uuid>, <hex> (an example of each is shown).",
                "Exit code: 0 errors found, 1 none, 2 Redis or configuration error."})
final class ErrorsCommand implements Callable<Integer> {
    @Option(names = "--service", paramLabel = "NAME", description = "only this service (exact or glob)")
    String service;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "only this error type (the exception class): substring (Timeout) or glob (io.x.*Exception)")
    String type;

    @Mixin
    TimeOptions time;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "messages shown (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--scan-limit", defaultValue = "200000", paramLabel = "N", description = "entries read at most (default ${DEFAULT-VALUE})")
    long scanLimit;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() {
        if (time.since == null && time.last == null) time.last = "1h";
        TimeWindow window = time.window();
        EventFilter events = new EventFilter(null, service, null, null, true);
        java.util.function.Predicate<String> errorType = EventFilter.substringOrGlob(type);
        java.util.function.Predicate<io.emp.telemetry.collector.decode.ConsumedEvent> filter = c -> events.test(c)
                && (errorType == null || errorType.test(c.event().errorType() != null ? c.event().errorType() : c.event().eventType()));
        return redis.withRedis(session -> run(session, window, filter));
    }

    private int run(RedisSession session, TimeWindow window,
                    java.util.function.Predicate<io.emp.telemetry.collector.decode.ConsumedEvent> filter) {
        StreamScanner scanner = new StreamScanner(session.commands(), scanLimit);
        ErrorSummary summary = new ErrorSummary();
        scanner.forward(redis.errorsStream(), true, window, c -> {
            if (filter.test(c)) summary.add(c);
            return true;
        });
        ScanNotes.print(redis.err(), scanner);
        if (summary.total() == 0) {
            redis.err().println("errors: no errors in " + redis.errorsStream() + " (" + time.describe().substring(2) + ")");
            redis.err().flush();
            return 1;
        }
        if (redis.json) redis.printJson(json(summary));
        else print(redis.out(), summary);
        return 0;
    }

    private void print(PrintWriter out, ErrorSummary s) {
        io.emp.telemetry.collector.inspect.Style style = redis.style();
        out.println(s.total() + " error(s) in " + redis.errorsStream() + " (" + time.describe().substring(2) + "), first "
                + EventText.dateTime(s.first()) + ", last " + EventText.dateTime(s.last()));
        out.println();
        out.println("  count  service               first seen    last seen     error type");
        for (ErrorSummary.Group g : s.groups()) {
            out.println("  " + EventText.padLeft(Long.toString(g.count()), 5) + "  " + EventText.pad(EventText.cut(g.service(), style.limit(20)), 20)
                    + "  " + EventText.time(g.firstSeen()) + "  " + EventText.time(g.lastSeen()) + "  " + g.errorType()
                    + (g.lastJobId() == null ? "" : "  (last job " + g.lastJobId() + ")"));
        }
        out.println();
        out.println("Top messages");
        for (ErrorSummary.Message m : s.topMessages(top)) {
            out.println("  " + EventText.padLeft(Long.toString(m.count()), 5) + "  "
                    + EventText.cut(m.errorType() + ": " + m.message(), style.limit(140)));
            if (!m.message().equals(m.example())) {
                out.println("         e.g. " + EventText.cut(m.example(), style.limit(140)));
            }
        }
        out.flush();
    }

    private Map<String, Object> json(ErrorSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", s.total());
        m.put("first", s.first());
        m.put("last", s.last());
        m.put("groups", s.groups());
        m.put("topMessages", s.topMessages(top));
        return m;
    }
}
