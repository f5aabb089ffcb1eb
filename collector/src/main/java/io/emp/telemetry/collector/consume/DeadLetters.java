package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.loss.LossReporter;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Moves entries that can never be exported (not our schema, or failed too often) to the dead-letter
 * stream with the reason, then acknowledges them, so they stop blocking the group but stay
 * inspectable ({@code XRANGE emp:deadletter - +}).
 */
public final class DeadLetters {
    public static final String REASON = "deadletter.reason";
    public static final String SOURCE_STREAM = "deadletter.stream";
    public static final String SOURCE_ID = "deadletter.id";
    public static final String CONSUMER = "deadletter.consumer";
    public static final String AT = "deadletter.at";
    /** The dead-letter stream is trimmed (approximately) to this length so it cannot grow without bound. */
    static final long MAXLEN = 100_000;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final RedisCommands<String, String> redis;
    private final String deadLetterStream;
    private final String consumerName;
    private final CollectorStats stats;
    private final LossReporter loss;

    public DeadLetters(RedisCommands<String, String> redis, String deadLetterStream, String consumerName, CollectorStats stats) {
        this(redis, deadLetterStream, consumerName, stats, null);
    }

    /** With {@code loss} (may be null), dead letters are also reported as {@code telemetry.entries_lost} (reason dead_lettered). */
    public DeadLetters(RedisCommands<String, String> redis, String deadLetterStream, String consumerName, CollectorStats stats,
                       LossReporter loss) {
        this.loss = loss;
        this.redis = redis;
        this.deadLetterStream = deadLetterStream;
        this.consumerName = consumerName;
        this.stats = stats;
    }

    public void send(RedisStreams source, List<Rejected> rejected) {
        if (rejected.isEmpty()) return;
        for (Rejected r : rejected) {
            Map<String, String> fields = new LinkedHashMap<>(r.entry().fields());
            // Values too large to read were never read: the copy says so instead.
            fields.replaceAll((k, v) -> BoundedCodec.describe(v));
            fields.put(REASON, r.reason());
            fields.put(SOURCE_STREAM, r.entry().stream());
            fields.put(SOURCE_ID, r.entry().id());
            fields.put(CONSUMER, consumerName);
            fields.put(AT, Long.toString(System.currentTimeMillis()));
            redis.xadd(deadLetterStream, XAddArgs.Builder.maxlen(MAXLEN).approximateTrimming(), fields);
            LOG.warning(() -> "dead-lettered " + r.entry().stream() + " " + r.entry().id() + ": " + r.reason());
        }
        source.ack(rejected.stream().map(r -> r.entry().id()).toList());
        stats.stream(source.config().stream()).deadLettered.add(rejected.size());
        if (loss != null) {
            long own = rejected.stream().filter(r -> LossReporter.isLossReport(r.entry().fields())).count();
            loss.deadLettered(source.config().stream(), source.config().group(), rejected.size(), own,
                    "moved to " + deadLetterStream + " (last reason: " + rejected.get(rejected.size() - 1).reason() + ")");
        }
    }

    /** An entry and why it cannot be exported. */
    public record Rejected(StreamEntry entry, String reason) {
    }
}
