package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.emp.telemetry.collector.health.CollectorStats;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads each group's lag and pending state (XINFO GROUPS, XLEN, XPENDING) into the stats, and warns
 * when the lag approaches the stream's MAXLEN: past it, the agents' trimming deletes entries no
 * collector has read.
 */
public final class LagMonitor implements Runnable {
    private static final Logger LOG = Logger.getLogger(LagMonitor.class.getName());

    private final RedisCommands<String, String> redis;
    private final List<StreamConfig> streams;
    private final double warnRatio;
    private final CollectorStats stats;
    private final Map<String, Boolean> warned = new HashMap<>();

    public LagMonitor(RedisCommands<String, String> redis, List<StreamConfig> streams, double warnRatio, CollectorStats stats) {
        this.redis = redis;
        this.streams = streams;
        this.warnRatio = warnRatio;
        this.stats = stats;
    }

    @Override
    public void run() {
        try {
            for (StreamConfig s : streams) check(s);
            stats.redisReachable(true);
        } catch (RuntimeException e) {
            stats.redisReachable(false);
        }
    }

    private void check(StreamConfig s) {
        CollectorStats.StreamCounters c = stats.stream(s.stream());
        c.length = redis.xlen(s.stream());
        Map<String, Object> group = group(s);
        if (group == null) return;
        c.lag = asLong(group.get("lag"), -1);
        c.entriesRead = asLong(group.get("entries-read"), -1);
        c.pending = asLong(group.get("pending"), 0);
        List<PendingMessage> oldest = redis.xpending(s.stream(), new XPendingArgs<String>().group(s.group())
                .range(Range.create("-", "+")).limit(Limit.from(1)));
        c.oldestPendingMs = oldest.isEmpty() ? 0 : oldest.get(0).getMsSinceLastDelivery();
        boolean near = c.lag >= 0 && c.lag >= s.lagLimit(warnRatio);
        boolean wasNear = warned.getOrDefault(s.stream(), false);
        if (near && !wasNear) {
            LOG.warning("group " + s.group() + " on " + s.stream() + " lags " + c.lag + " entries behind, near MAXLEN "
                    + s.maxLen() + ": trimming will delete unread entries; add collector instances or raise MAXLEN");
        } else if (!near && wasNear) {
            LOG.info("group " + s.group() + " on " + s.stream() + " caught up (lag " + c.lag + ")");
        }
        warned.put(s.stream(), near);
    }

    private Map<String, Object> group(StreamConfig s) {
        List<Object> groups;
        try {
            groups = redis.xinfoGroups(s.stream());
        } catch (io.lettuce.core.RedisCommandExecutionException noStream) {
            return null;
        }
        for (Object g : groups) {
            if (!(g instanceof List<?> fields)) continue;
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) m.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            if (s.group().equals(String.valueOf(m.get("name")))) return m;
        }
        return null;
    }

    private static long asLong(Object v, long fallback) {
        if (v instanceof Number n) return n.longValue();
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
