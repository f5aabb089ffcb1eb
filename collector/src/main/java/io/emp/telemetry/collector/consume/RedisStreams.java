package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer-group commands of one stream for one consumer, on a connection of its own
 * (XREADGROUP BLOCK holds the connection).
 */
public final class RedisStreams {
    private final RedisCommands<String, String> redis;
    private final StreamConfig stream;
    private final Consumer<String> consumer;

    public RedisStreams(RedisCommands<String, String> redis, StreamConfig stream, String consumerName) {
        this.redis = redis;
        this.stream = stream;
        this.consumer = Consumer.from(stream.group(), consumerName);
    }

    public StreamConfig config() {
        return stream;
    }

    /** Creates the group (and the stream) when missing; a new group starts at the beginning so nothing already written is skipped. */
    public void ensureGroup() {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(stream.stream(), "0"), stream.group(),
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException alreadyThere) {
            // BUSYGROUP: another instance created it first.
        }
    }

    /** New entries for this consumer, waiting up to {@code block} for the first one. */
    public List<StreamEntry> readNew(int count, Duration block) {
        List<StreamMessage<String, String>> msgs = redis.xreadgroup(consumer,
                XReadArgs.Builder.count(count).block(Math.max(1, block.toMillis())),
                XReadArgs.StreamOffset.lastConsumed(stream.stream()));
        return toEntries(msgs);
    }

    /** Entries already delivered to this consumer and not acknowledged (a restart with the same consumer name). */
    public List<StreamEntry> readOwnPending(int count) {
        return toEntries(redis.xreadgroup(consumer, XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.from(stream.stream(), "0")));
    }

    /** One XAUTOCLAIM step: entries idle longer than {@code minIdle}, now owned by this consumer. */
    public Claimed autoClaim(String cursor, Duration minIdle, int count) {
        ClaimedMessages<String, String> c = redis.xautoclaim(stream.stream(),
                XAutoClaimArgs.Builder.xautoclaim(consumer, minIdle, cursor).count(count));
        return new Claimed(c.getId(), toEntries(c.getMessages()));
    }

    /** Delivery counts of entries this consumer holds, for the ids given. */
    public Map<String, Long> deliveryCounts(List<StreamEntry> entries) {
        Map<String, Long> out = new HashMap<>();
        if (entries.isEmpty()) return out;
        String lo = entries.get(0).id();
        String hi = entries.get(entries.size() - 1).id();
        List<PendingMessage> pending = redis.xpending(stream.stream(), new XPendingArgs<String>()
                .group(stream.group()).consumer(consumer).range(Range.create(lo, hi))
                .limit(Limit.from(entries.size() * 4L + 16)));
        for (PendingMessage p : pending) out.put(p.getId(), p.getRedeliveryCount());
        return out;
    }

    public void ack(List<String> ids) {
        if (!ids.isEmpty()) redis.xack(stream.stream(), stream.group(), ids.toArray(String[]::new));
    }

    /**
     * Resets the idle time of entries this consumer is still working on (a long export retry), so
     * that other instances do not take them over; XCLAIM JUSTID leaves the delivery count alone.
     */
    public void touch(List<String> ids) {
        if (!ids.isEmpty()) {
            redis.xclaim(stream.stream(), consumer, XClaimArgs.Builder.minIdleTime(0).justid(), ids.toArray(String[]::new));
        }
    }

    private List<StreamEntry> toEntries(List<StreamMessage<String, String>> msgs) {
        List<StreamEntry> out = new ArrayList<>(msgs.size());
        for (StreamMessage<String, String> m : msgs) {
            // A trimmed entry can come back without a body; there is nothing left to export.
            Map<String, String> body = m.getBody() == null ? Map.of() : m.getBody();
            out.add(new StreamEntry(stream.stream(), m.getId(), body));
        }
        return out;
    }

    /** Result of one XAUTOCLAIM step; cursor {@code 0-0} means the scan is complete. */
    public record Claimed(String nextCursor, List<StreamEntry> entries) {
    }
}
