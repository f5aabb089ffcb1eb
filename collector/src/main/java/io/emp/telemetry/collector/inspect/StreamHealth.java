package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.health.Heartbeat;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what {@code health} reports straight from Redis: stream sizes, consumer groups, collector heartbeats. */
public final class StreamHealth {
    /** One consumer group of a stream (XINFO GROUPS); lag is -1 when Redis cannot tell. */
    public record Group(String name, long consumers, long pending, long lag, String lastDeliveredId) {
    }

    /** One stream: length, newest entry id (null when empty or missing) and its groups. */
    public record Stream(String name, long length, String newestId, List<Group> groups) {
        public long newestMs() {
            return newestId == null ? -1 : StreamIds.millis(newestId);
        }
    }

    private final RedisCommands<String, String> redis;

    public StreamHealth(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    public Stream stream(String name) {
        long length = redis.xlen(name);
        List<StreamMessage<String, String>> newest = redis.xrevrange(name, Range.create("-", "+"), Limit.from(1));
        return new Stream(name, length, newest.isEmpty() ? null : newest.get(0).getId(), groups(name));
    }

    private List<Group> groups(String stream) {
        List<Object> raw;
        try {
            raw = redis.xinfoGroups(stream);
        } catch (RedisCommandExecutionException noSuchStream) {
            return List.of();
        }
        List<Group> out = new ArrayList<>();
        for (Object g : raw) {
            if (!(g instanceof List<?> fields)) continue;
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) m.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            out.add(new Group(String.valueOf(m.get("name")), asLong(m.get("consumers")), asLong(m.get("pending")),
                    asLong(m.get("lag")), String.valueOf(m.get("last-delivered-id"))));
        }
        return out;
    }

    /**
     * Entries after {@code id}, counted up to {@code cap}: the lag when XINFO cannot tell it (Redis
     * reports no lag for a group created at {@code $} on a non-empty stream, or after deletions).
     */
    public long countAfter(String stream, String id, long cap) {
        String from = id == null || id.equals("0-0") ? "-" : StreamIds.after(id);
        long n = 0;
        while (n < cap) {
            int want = (int) Math.min(StreamScanner.PAGE, cap - n);
            List<StreamMessage<String, String>> page = redis.xrange(stream, Range.create(from, "+"), Limit.from(want));
            n += page.size();
            if (page.size() < want) break;
            from = StreamIds.after(page.get(page.size() - 1).getId());
        }
        return n;
    }

    /** Heartbeat hashes of the collectors alive now (a dead one's key has expired). */
    public List<Map<String, String>> collectors() {
        List<Map<String, String>> out = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches(Heartbeat.KEY_PREFIX + "*").limit(500);
        KeyScanCursor<String> cursor = redis.scan(match);
        while (true) {
            for (String key : cursor.getKeys()) {
                Map<String, String> h = redis.hgetall(key);
                if (!h.isEmpty()) out.add(h);
            }
            if (cursor.isFinished()) break;
            cursor = redis.scan(cursor, match);
        }
        return out;
    }

    private static long asLong(Object v) {
        if (v instanceof Number n) return n.longValue();
        if (v == null) return -1;
        try {
            return Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
