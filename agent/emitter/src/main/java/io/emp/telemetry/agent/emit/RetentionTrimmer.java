package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.log.AgentLog;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Time retention: Redis does not accept MAXLEN and MINID in one XADD, so the writer trims by age
 * separately, every {@code trim.interval}, with {@code XTRIM <stream> MINID ~ <now - retention>}.
 * Entry ids start with Redis's clock in milliseconds; this uses the local clock, so hosts are
 * expected to keep their clocks roughly in sync (an offset shifts the retention by that offset).
 */
final class RetentionTrimmer {
    private final EmitterConfig config;
    private long nextTrimNanos;

    RetentionTrimmer(EmitterConfig config) {
        this.config = config;
        this.nextTrimNanos = System.nanoTime();
    }

    /** Trims both streams when due; failures are left to the next batch to detect. */
    void trimIfDue(StatefulRedisConnection<String, String> connection) {
        long now = System.nanoTime();
        if (now - nextTrimNanos < 0) return;
        nextTrimNanos = now + config.trimInterval().toNanos();
        List<RedisFuture<Long>> futures = new ArrayList<>(2);
        add(connection, config.eventsStream(), config.eventsRetention(), futures);
        add(connection, config.errorsStream(), config.errorsRetention(), futures);
        if (futures.isEmpty()) return;
        connection.flushCommands();
        long deadline = System.nanoTime() + config.redisTimeout().toNanos();
        for (RedisFuture<Long> f : futures) {
            Throwable error = BatchWriter.await(f, deadline);
            if (error != null) AgentLog.debug("retention trim failed: " + error);
        }
    }

    private static void add(StatefulRedisConnection<String, String> connection, String stream, Duration retention,
                            List<RedisFuture<Long>> futures) {
        if (retention.isZero()) return;
        String minId = Long.toString(System.currentTimeMillis() - retention.toMillis());
        futures.add(connection.async().xtrim(stream, new XTrimArgs().minId(minId).approximateTrimming()));
    }
}
