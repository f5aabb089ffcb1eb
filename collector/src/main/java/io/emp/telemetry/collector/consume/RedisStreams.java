package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.lettuce.core.Consumer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The consumer-group commands of one stream for one consumer, on a connection of its own
 * (XREADGROUP BLOCK holds the connection).
 */
public final class RedisStreams {
    private final RedisCommands<String, String> redis;
    /** The same connection, for the one command sent ahead: {@link #readNewAhead}. */
    private final RedisAsyncCommands<String, String> async;
    private final StreamConfig stream;
    private final Consumer<String> consumer;
    /** The reply of {@link #readNewAhead}, until {@link #takeReadAhead}; touched only by the stream's consumer thread. */
    private RedisFuture<List<StreamMessage<String, String>>> readAhead;

    public RedisStreams(RedisCommands<String, String> redis, StreamConfig stream, String consumerName) {
        this.redis = redis;
        this.async = redis.getStatefulConnection().async();
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

    /**
     * Asks now, without BLOCK, for up to {@code count} new entries and returns at once: Redis builds the reply and
     * Lettuce's event loop parses it while the caller exports the batch it has; {@link #takeReadAhead} collects it.
     * Without BLOCK the command never holds the connection, so the caller's XACK and other commands follow it
     * without waiting. One read ahead at a time.
     */
    public void readNewAhead(int count) {
        if (readAhead != null) throw new IllegalStateException("a read ahead is outstanding");
        readAhead = async.xreadgroup(consumer, XReadArgs.Builder.count(count), XReadArgs.StreamOffset.lastConsumed(stream.stream()));
    }

    /**
     * The entries read ahead (none when no read is outstanding), waiting at most the connection's timeout; Redis
     * errors are thrown as the synchronous API throws them. The entries are this consumer's, pending, from the moment
     * Redis answered.
     */
    public List<StreamEntry> takeReadAhead() {
        RedisFuture<List<StreamMessage<String, String>>> reply = readAhead;
        readAhead = null;
        if (reply == null) return List.of();
        long timeout = redis.getStatefulConnection().getTimeout().toNanos();
        return toEntries(LettuceFutures.awaitOrCancel(reply, timeout, TimeUnit.NANOSECONDS));
    }

    /** Forgets an outstanding read ahead (a new loop after one died): its entries stay pending for a later read. */
    public void dropReadAhead() {
        readAhead = null;
    }

    /** Ids of the entries read ahead, if they have arrived: they are held too, while the current batch is retried. */
    private List<String> readAheadIds() {
        RedisFuture<List<StreamMessage<String, String>>> reply = readAhead;
        if (reply == null || !reply.isDone() || reply.toCompletableFuture().isCompletedExceptionally()) return List.of();
        List<String> ids = new ArrayList<>();
        for (StreamMessage<String, String> m : reply.toCompletableFuture().getNow(List.of())) ids.add(m.getId());
        return ids;
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
     * Resets the idle time of entries this consumer is still working on (a long export retry), and of those it has
     * read ahead, so that other instances do not take them over; XCLAIM JUSTID leaves the delivery count alone.
     */
    public void touch(List<String> ids) {
        List<String> held = new ArrayList<>(ids);
        held.addAll(readAheadIds());
        if (!held.isEmpty()) {
            redis.xclaim(stream.stream(), consumer, XClaimArgs.Builder.minIdleTime(0).justid(), held.toArray(String[]::new));
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
