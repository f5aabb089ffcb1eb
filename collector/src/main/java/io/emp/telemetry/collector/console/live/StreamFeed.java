package io.emp.telemetry.collector.console.live;

import io.emp.telemetry.collector.consume.StreamEntry;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.decode.EntryDecoder;
import io.emp.telemetry.collector.export.file.EventJson;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.schema.MalformedEventException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Follows both streams from the moment the console starts, as {@code tail} does: XREAD BLOCK from
 * each stream's newest id (remembered, never {@code $} on every call, so nothing added between two
 * reads is missed), with no consumer group, so it takes nothing away from the collector. Every
 * event goes to the {@link LiveHub}. While Redis is unreachable it says so ({@link RedisState}) and
 * tries again every half second; Lettuce reconnects underneath.
 */
public final class StreamFeed implements Runnable {
    private static final Logger LOG = Logger.getLogger(StreamFeed.class.getName());
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final long RETRY_MS = 500;

    private final RedisCommands<String, String> redis;
    private final String url;
    private final String eventsStream;
    private final String errorsStream;
    private final LiveHub hub;
    private final RedisState state;
    private final Map<String, String> lastIds = new LinkedHashMap<>();
    private final LongAdder malformed = new LongAdder();
    private volatile boolean running = true;

    public StreamFeed(RedisCommands<String, String> redis, String url, String eventsStream, String errorsStream,
                      LiveHub hub, RedisState state) {
        this.redis = redis;
        this.url = url;
        this.eventsStream = eventsStream;
        this.errorsStream = errorsStream;
        this.hub = hub;
        this.state = state;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (lastIds.isEmpty()) {
                    lastIds.put(eventsStream, newestId(eventsStream));
                    lastIds.put(errorsStream, newestId(errorsStream));
                }
                List<StreamMessage<String, String>> read = redis.xread(XReadArgs.Builder.block(BLOCK).count(500), offsets());
                state.up();
                publish(read);
            } catch (RuntimeException e) {
                if (!running) return;
                state.down(RedisSession.failure(url, e).getMessage());
                sleep();
            }
        }
    }

    private void publish(List<StreamMessage<String, String>> read) {
        List<ConsumedEvent> batch = new ArrayList<>();
        for (StreamMessage<String, String> m : read) {
            lastIds.put(m.getStream(), m.getId());
            try {
                batch.add(EntryDecoder.decode(new StreamEntry(m.getStream(), m.getId(), m.getBody()),
                        m.getStream().equals(errorsStream)));
            } catch (MalformedEventException e) {
                malformed.increment();
                LOG.fine("console: skipped entry " + m.getId() + " of " + m.getStream() + ": " + e.getMessage());
            }
        }
        batch.sort(Comparator.comparingLong(c -> c.event().timestamp()));
        for (ConsumedEvent c : batch) hub.publish(new LiveHub.Message(LiveHub.Kind.EVENT, c, EventJson.of(c)));
    }

    private String newestId(String stream) {
        List<StreamMessage<String, String>> newest = redis.xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        return newest.isEmpty() ? "0-0" : newest.get(0).getId();
    }

    @SuppressWarnings("unchecked")
    private XReadArgs.StreamOffset<String>[] offsets() {
        return lastIds.entrySet().stream().map(e -> XReadArgs.StreamOffset.from(e.getKey(), e.getValue()))
                .toArray(XReadArgs.StreamOffset[]::new);
    }

    /** Entries that were not valid events (skipped). */
    public long malformed() {
        return malformed.sum();
    }

    public void stop() {
        running = false;
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
