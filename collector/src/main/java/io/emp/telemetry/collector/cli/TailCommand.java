package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.consume.StreamEntry;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.decode.EntryDecoder;
import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.export.file.EventJson;
import io.emp.telemetry.collector.inspect.EventFilter;
import io.emp.telemetry.collector.inspect.EventLine;
import io.emp.telemetry.collector.inspect.EventText;
import io.emp.telemetry.collector.inspect.RedisFailure;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.collector.inspect.Style;
import io.emp.telemetry.schema.MalformedEventException;
import io.emp.telemetry.schema.StreamDefaults;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Follows both streams live with XREAD BLOCK. It starts from each stream's newest entry id (not
 * from {@code $} on every call, which would lose entries added between two reads) and reads no
 * consumer group, so it never takes events away from the collector. When Redis goes away it says so,
 * reconnects with back-off and goes on from the last entry it read. {@code --status} also follows the
 * Pub/Sub status channels (never stored, so only what is published while it listens).
 */
@Command(name = "tail", sortOptions = false,
        description = {"Print events as they arrive on the events and errors streams, until Ctrl+C.",
                "Same filters as search. Reconnects (with back-off) when Redis goes away, and says so on stderr.",
                "--status also prints the Pub/Sub status messages (job:*:status, machine:*:gpu).",
                "Exit code: 0, or 2 on a Redis (at start) or configuration error."})
final class TailCommand implements Callable<Integer> {
    private static final Duration BLOCK = Duration.ofSeconds(1);
    /** Status channels followed with --status: the agent's templates with the id as a pattern. */
    static final List<String> STATUS_PATTERNS = List.of(
            StreamDefaults.JOB_STATUS_CHANNEL.replace("{jobId}", "*"),
            StreamDefaults.MACHINE_GPU_CHANNEL.replace("{machineId}", "*"));

    @Mixin
    FilterOptions filters;

    @Option(names = "--status", description = "also follow the Pub/Sub status channels job:*:status and machine:*:gpu "
            + "(--job narrows the job channels)")
    boolean status;

    @Option(names = "--count", paramLabel = "N", description = "stop after N matching events (and status messages)")
    Integer count;

    @Option(names = "--reconnect-max", defaultValue = "10s", paramLabel = "DURATION", hidden = true,
            description = "longest wait between two reconnection attempts (default ${DEFAULT-VALUE})")
    String reconnectMax;

    @Mixin
    RedisOptions redis;

    private final AtomicLong shown = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);

    @Override
    public Integer call() {
        EventFilter filter = filters.filter();
        return redis.withRedis(session -> follow(session, filter));
    }

    private int follow(RedisSession first, EventFilter filter) {
        Map<String, String> lastIds = new LinkedHashMap<>();
        RedisCommands<String, String> cmd = first.commands();
        if (!filter.errorsOnly()) lastIds.put(redis.eventsStream(), newestId(cmd, redis.eventsStream()));
        lastIds.put(redis.errorsStream(), newestId(cmd, redis.errorsStream()));
        if (status) subscribe(first);
        redis.err().println("tail: following " + String.join(", ", lastIds.keySet())
                + (status ? " and " + String.join(", ", STATUS_PATTERNS) : "") + " at " + first.where() + " (Ctrl+C to stop)");
        redis.err().flush();
        RedisSession session = first;
        try {
            while (!Thread.currentThread().isInterrupted() && done.getCount() > 0) {
                try {
                    read(session.commands(), lastIds, filter);
                } catch (RedisException e) {
                    RedisSession again = reconnect(session, e);
                    if (again == null) return 0;
                    if (session != first) session.close();
                    session = again;
                }
            }
            return 0;
        } finally {
            if (session != first) session.close();
        }
    }

    private void read(RedisCommands<String, String> cmd, Map<String, String> lastIds, EventFilter filter) {
        List<ConsumedEvent> batch = new ArrayList<>();
        for (StreamMessage<String, String> m : cmd.xread(XReadArgs.Builder.block(BLOCK).count(500), offsets(lastIds))) {
            lastIds.put(m.getStream(), m.getId());
            try {
                boolean errors = m.getStream().equals(redis.errorsStream());
                batch.add(EntryDecoder.decode(new StreamEntry(m.getStream(), m.getId(), m.getBody()), errors));
            } catch (MalformedEventException e) {
                redis.err().println("tail: skipped entry " + m.getId() + " of " + m.getStream() + ": " + e.getMessage());
                redis.err().flush();
            }
        }
        batch.sort(Comparator.comparingLong(c -> c.event().timestamp()));
        Style style = redis.style();
        for (ConsumedEvent c : batch) {
            if (!filter.test(c)) continue;
            print(redis.json ? json(EventJson.of(c)) : EventLine.format(c, style));
        }
    }

    /** Reopens the session with back-off until it works; null when interrupted. The streams go on from the last ids read. */
    private RedisSession reconnect(RedisSession lost, RedisException cause) {
        Backoff backoff = new Backoff(Duration.ofMillis(250), io.emp.telemetry.collector.inspect.TimeSpec.duration(reconnectMax));
        long since = System.currentTimeMillis();
        redis.err().println("tail: lost Redis at " + lost.where() + " (" + RedisSession.failure(redis.url(), cause).getMessage()
                + "); reconnecting with back-off");
        redis.err().flush();
        for (int attempt = 0; ; attempt++) {
            Duration wait = backoff.delay(attempt, null);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            try {
                RedisSession session = RedisSession.open(redis.url());
                if (status) subscribe(session);
                redis.err().println("tail: reconnected to " + session.where() + " after "
                        + EventText.age(System.currentTimeMillis() - since) + " (attempt " + (attempt + 1)
                        + "); continuing after the last entry read");
                redis.err().flush();
                return session;
            } catch (RedisFailure | RedisException e) {
                redis.err().println("tail: still no Redis at " + lost.where() + " (attempt " + (attempt + 1) + ", next in up to "
                        + EventText.age(backoff.delay(attempt + 1, null).toMillis() * 2) + ")");
                redis.err().flush();
            }
        }
    }

    private void subscribe(RedisSession session) {
        Predicate<String> job = filters.job == null ? null : EventFilter.substringOrGlob(filters.job);
        StatefulRedisPubSubConnection<String, String> pubSub = session.pubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                if (job != null && channel.startsWith("job:") && !job.test(channel.substring(4, channel.length() - ":status".length()))) {
                    return;
                }
                if (redis.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("channel", channel);
                    m.put("receivedAt", System.currentTimeMillis());
                    m.put("message", message);
                    print(json(m));
                } else {
                    print("  " + EventText.dateTime(System.currentTimeMillis()) + "  " + redis.style().dim("status") + "  "
                            + channel + "  " + EventText.cut(message, redis.style().limit(200)));
                }
            }
        });
        pubSub.sync().psubscribe(STATUS_PATTERNS.toArray(new String[0]));
    }

    /** One line to stdout; counts it against --count. Called from the reading thread and Lettuce's Pub/Sub thread. */
    private synchronized void print(String line) {
        if (done.getCount() == 0) return;
        redis.out().println(line);
        redis.out().flush();
        if (count != null && shown.incrementAndGet() >= count) done.countDown();
    }

    private static String json(Object value) {
        return RedisOptions.jsonText(value);
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
