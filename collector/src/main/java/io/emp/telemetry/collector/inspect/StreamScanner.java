package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.consume.StreamEntry;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.decode.EntryDecoder;
import io.emp.telemetry.schema.MalformedEventException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Pages through a stream with XRANGE (oldest first) or XREVRANGE (newest first), decoding every
 * entry with the wire schema. The scan is bounded: after {@code maxEntries} entries per stream it
 * stops and says so ({@link #truncated()}), so a huge stream cannot make a debugging command hang.
 * Entries that are not valid events are counted once each (a command may scan a range twice), not shown.
 * Events outside the window's time range ({@link TimeWindow#contains}) are read but not visited.
 */
public final class StreamScanner {
    static final int PAGE = 1000;

    private final RedisCommands<String, String> redis;
    private final long maxEntries;
    private long scanned;
    private final Set<String> malformed = new HashSet<>();
    private boolean truncated;

    public StreamScanner(RedisCommands<String, String> redis, long maxEntries) {
        this.redis = redis;
        this.maxEntries = maxEntries;
    }

    /** Visits entries of {@code window} oldest first until {@code sink} returns false. */
    public void forward(String stream, boolean errorStream, TimeWindow window, Predicate<ConsumedEvent> sink) {
        String from = window.fromId();
        long budget = maxEntries;
        while (true) {
            if (budget == 0) {
                truncated |= !redis.xrange(stream, Range.create(from, window.toId()), Limit.from(1)).isEmpty();
                return;
            }
            int want = (int) Math.min(PAGE, budget);
            List<StreamMessage<String, String>> page = redis.xrange(stream, Range.create(from, window.toId()), Limit.from(want));
            for (StreamMessage<String, String> m : page) {
                if (!visit(stream, errorStream, window, m, sink)) return;
            }
            budget -= page.size();
            if (page.size() < want) return;
            from = StreamIds.after(page.get(page.size() - 1).getId());
        }
    }

    /** Visits entries of {@code window} newest first until {@code sink} returns false. */
    public void backward(String stream, boolean errorStream, TimeWindow window, Predicate<ConsumedEvent> sink) {
        String to = window.toId();
        long budget = maxEntries;
        while (true) {
            if (budget == 0) {
                truncated |= !redis.xrevrange(stream, Range.create(window.fromId(), to), Limit.from(1)).isEmpty();
                return;
            }
            int want = (int) Math.min(PAGE, budget);
            List<StreamMessage<String, String>> page = redis.xrevrange(stream, Range.create(window.fromId(), to), Limit.from(want));
            for (StreamMessage<String, String> m : page) {
                if (!visit(stream, errorStream, window, m, sink)) return;
            }
            budget -= page.size();
            if (page.size() < want) return;
            to = StreamIds.before(page.get(page.size() - 1).getId());
            if (to == null) return;
        }
    }

    private boolean visit(String stream, boolean errorStream, TimeWindow window, StreamMessage<String, String> m,
                          Predicate<ConsumedEvent> sink) {
        scanned++;
        ConsumedEvent event;
        try {
            event = EntryDecoder.decode(new StreamEntry(stream, m.getId(), m.getBody()), errorStream);
        } catch (MalformedEventException e) {
            malformed.add(stream + " " + m.getId());
            return true;
        }
        return !window.contains(event.event().timestamp()) || sink.test(event);
    }

    public long scanned() {
        return scanned;
    }

    /** Distinct entries that are not valid events. */
    public long malformed() {
        return malformed.size();
    }

    /** True when a stream had more entries in the window than the scan budget. */
    public boolean truncated() {
        return truncated;
    }

    public long maxEntries() {
        return maxEntries;
    }
}
