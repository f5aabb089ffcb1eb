package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.file.EventJson;
import io.emp.telemetry.collector.inspect.EventFilter;
import io.emp.telemetry.collector.inspect.EventLine;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.StreamScanner;
import io.emp.telemetry.collector.inspect.Style;
import io.emp.telemetry.collector.inspect.TimeWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** The most recent events matching the filters, newest last. */
@Command(name = "search", sortOptions = false,
        description = {"Find events in the events and errors streams by job, service, type, trace and time.",
                "Shows the most recent --limit matches, oldest first, one line each (--json: one JSON object per line).",
                "Exit code: 0 matches found, 1 none, 2 Redis or configuration error."})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    FilterOptions filters;

    @Mixin
    TimeOptions time;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "show at most N events, the newest (default ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    ScanLimit scanLimit;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() {
        TimeWindow window = time.window();
        EventFilter filter = filters.filter();
        return redis.withRedis(session -> run(session, window, filter));
    }

    private int run(RedisSession session, TimeWindow window, EventFilter filter) {
        StreamScanner scanner = new StreamScanner(session.commands(), scanLimit.value);
        List<ConsumedEvent> found = new ArrayList<>();
        if (!filter.errorsOnly()) collect(scanner, redis.eventsStream(), false, window, filter, found);
        collect(scanner, redis.errorsStream(), true, window, filter, found);
        found.sort(Comparator.comparingLong((ConsumedEvent c) -> c.event().timestamp()).thenComparing(ConsumedEvent::entryId));
        List<ConsumedEvent> shown = found.subList(Math.max(0, found.size() - limit), found.size());
        ScanNotes.print(redis.err(), scanner);
        if (shown.isEmpty()) {
            redis.err().println("search: no matching events (" + scanner.scanned() + " entries read at " + session.where()
                    + time.describe() + ")");
            redis.err().flush();
            return 1;
        }
        Style style = redis.style();
        for (ConsumedEvent c : shown) {
            if (redis.json) redis.printJson(EventJson.of(c));
            else redis.out().println(EventLine.format(c, style));
        }
        if (!redis.json && found.size() >= limit) {
            redis.err().println("(--limit " + limit + " reached: older matches may exist)");
        }
        redis.out().flush();
        redis.err().flush();
        return 0;
    }

    /** Newest first until {@code limit} matches: older entries need not be read. */
    private void collect(StreamScanner scanner, String stream, boolean errors, TimeWindow window, EventFilter filter,
                         List<ConsumedEvent> found) {
        int[] matches = {0};
        scanner.backward(stream, errors, window, c -> {
            if (filter.test(c)) {
                found.add(c);
                matches[0]++;
            }
            return matches[0] < limit;
        });
    }
}
