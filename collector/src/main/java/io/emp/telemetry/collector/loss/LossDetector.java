package io.emp.telemetry.collector.loss;

import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.emp.telemetry.collector.health.CollectorStats;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Looks at each stream every {@code collector.loss-check-interval} (and once before the consumers
 * start, so that a gap left while no collector ran is seen before they read past it) for what the
 * collector can no longer read:
 * <ul>
 *   <li><b>trimmed unread</b>: {@link StreamPosition#trimmedUnread()}; the number already reported
 *       is kept in Redis ({@code emp:loss:<stream>}, field {@code trimmed_unread:<group>}) and
 *       advanced atomically, so restarts and several instances report each entry once;</li>
 *   <li><b>stream reset</b>: the stream's {@code entries-added} went backwards or its key vanished
 *       (Redis restarted empty, the key deleted). What the group had not read at the previous look
 *       is gone: reported as a lower bound. The consumer recreates the group on its next read.</li>
 * </ul>
 */
public final class LossDetector implements Runnable {
    private static final Logger LOG = Logger.getLogger(LossDetector.class.getName());
    public static final String LEDGER_PREFIX = "emp:loss:";
    /** Values the detector's connection decodes at most (ids, counts); entry bodies in XINFO STREAM are not read. */
    public static final long MAX_VALUE_BYTES = 1024;
    /** Sets the reported count to the current one and returns the increase (0 when it went down: a reset). */
    private static final String ADVANCE = """
            local prev = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            local now = tonumber(ARGV[2])
            if now ~= prev then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
            if now > prev then return now - prev end
            return 0""";

    private final RedisCommands<String, String> redis;
    private final List<StreamConfig> streams;
    private final LossReporter reporter;
    private final CollectorStats stats;
    private final Map<String, Seen> seen = new HashMap<>();

    public LossDetector(RedisCommands<String, String> redis, List<StreamConfig> streams, LossReporter reporter,
                        CollectorStats stats) {
        this.redis = redis;
        this.streams = streams;
        this.reporter = reporter;
        this.stats = stats;
    }

    /** What the previous look found. */
    private static final class Seen {
        long entriesAdded = -1;
        long undelivered;
        boolean group;
    }

    @Override
    public void run() {
        try {
            for (StreamConfig s : streams) check(s);
        } catch (RuntimeException e) {
            // Redis unreachable: the lag monitor reports it; the next look compares with the last good one.
            LOG.fine(() -> "loss check failed: " + e);
        }
        reporter.flush();
    }

    private void check(StreamConfig s) {
        Seen last = seen.computeIfAbsent(s.stream(), k -> new Seen());
        StreamPosition pos = StreamPosition.read(redis, s.stream(), s.group());
        if (pos == null) {
            if (last.entriesAdded > 0) reset(s, last, "the stream key is gone (Redis restarted empty, or the key was deleted)");
            last.entriesAdded = 0;
            last.group = false;
            return;
        }
        boolean group = pos.lastDeliveredId() != null;
        if (last.entriesAdded >= 0 && pos.entriesAdded() < last.entriesAdded) {
            reset(s, last, "entries-added went back from " + last.entriesAdded + " to " + pos.entriesAdded()
                    + " (Redis restarted empty, or the stream was recreated)");
        } else if (!group && last.group) {
            stats.stream(s.stream()).resets.increment();
            LOG.warning("consumer group " + s.group() + " on " + s.stream() + " vanished (XGROUP DESTROY?); it is recreated "
                    + "from the start of the stream: entries still in it are exported again (duplicates)");
        }
        last.entriesAdded = pos.entriesAdded();
        last.group = group;
        if (!group) return;
        last.undelivered = pos.undelivered();
        long trimmed = pos.trimmedUnread();
        if (trimmed < 0) return;
        Long increase = redis.eval(ADVANCE, ScriptOutputType.INTEGER, new String[]{LEDGER_PREFIX + s.stream()},
                LossReason.TRIMMED_UNREAD.wire() + ":" + s.group(), Long.toString(trimmed));
        if (increase != null && increase > 0) {
            reporter.lost(s.stream(), s.group(), LossReason.TRIMMED_UNREAD, increase, false,
                    "trimmed (MAXLEN/MINID) before group " + s.group() + " read them; entries-added " + pos.entriesAdded()
                            + ", group entries-read " + pos.entriesRead() + ", stream length " + pos.length()
                            + "; raise the stream's MAXLEN or add collector instances");
        }
    }

    private void reset(StreamConfig s, Seen last, String why) {
        reporter.lost(s.stream(), s.group(), LossReason.STREAM_RESET, last.undelivered, true,
                why + "; the group had not read at least " + last.undelivered + " entries at the previous check");
        stats.stream(s.stream()).resets.increment();
        last.undelivered = 0;
    }
}
