package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.consume.StreamEntry;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.decode.EntryDecoder;
import io.emp.telemetry.collector.export.file.EventJson;
import io.emp.telemetry.collector.inspect.EventFilter;
import io.emp.telemetry.collector.inspect.EventLine;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.Style;
import io.emp.telemetry.schema.MalformedEventException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Follows both streams live with XREAD BLOCK. It starts from each stream's newest entry id (not
 * from {@code $} on every call, which would lose entries added between two reads) and reads no
 * consumer group, so it never takes events away from the collector.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print events as they arrive on the events and errors streams, until Ctrl+C.",
                "Same filters as search. Exit code: 0, or 2 on a Redis or configuration error."})
final class TailCommand implements Callable<Integer> {
    private static final Duration BLOCK = Duration.ofSeconds(1);

    @Mixin
    FilterOptions filters;

    @Option(names = "--count", paramLabel = "N", description = "stop after N matching events")
    Integer count;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() {
        EventFilter filter = filters.filter();
        return redis.withRedis(session -> follow(session, filter));
    }

    private int follow(RedisSession session, EventFilter filter) {
        RedisCommands<String, String> cmd = session.commands();
        Map<String, String> lastIds = new LinkedHashMap<>();
        if (!filter.errorsOnly()) lastIds.put(redis.eventsStream(), newestId(cmd, redis.eventsStream()));
        lastIds.put(redis.errorsStream(), newestId(cmd, redis.errorsStream()));
        redis.err().println("tail: following " + String.join(", ", lastIds.keySet()) + " at " + session.where()
                + " (Ctrl+C to stop)");
        redis.err().flush();
        Style style = redis.style();
        long shown = 0;
        long malformed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<ConsumedEvent> batch = new ArrayList<>();
            List<StreamMessage<String, String>> read = cmd.xread(XReadArgs.Builder.block(BLOCK).count(500), offsets(lastIds));
            for (StreamMessage<String, String> m : read) {
                lastIds.put(m.getStream(), m.getId());
                try {
                    boolean errors = m.getStream().equals(redis.errorsStream());
                    batch.add(EntryDecoder.decode(new StreamEntry(m.getStream(), m.getId(), m.getBody()), errors));
                } catch (MalformedEventException e) {
                    malformed++;
                    redis.err().println("tail: skipped entry " + m.getId() + " of " + m.getStream() + ": " + e.getMessage()
                            + " (" + malformed + " so far)");
                }
            }
            batch.sort(Comparator.comparingLong(c -> c.event().timestamp()));
            for (ConsumedEvent c : batch) {
                if (!filter.test(c)) continue;
                if (redis.json) redis.printJson(EventJson.of(c));
                else redis.out().println(EventLine.format(c, style));
                redis.out().flush();
                if (count != null && ++shown >= count) return 0;
            }
        }
        return 0;
    }

    private static String newestId(RedisCommands<String, String> cmd, String stream) {
        List<StreamMessage<String, String>> newest = cmd.xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        return newest.isEmpty() ? "0-0" : newest.get(0).getId();
    }

    @SuppressWarnings("unchecked")
    private static XReadArgs.StreamOffset<String>[] offsets(Map<String, String> lastIds) {
        return lastIds.entrySet().stream().map(e -> XReadArgs.StreamOffset.from(e.getKey(), e.getValue()))
                .toArray(XReadArgs.StreamOffset[]::new);
    }
}
