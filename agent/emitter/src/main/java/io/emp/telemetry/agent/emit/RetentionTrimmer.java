package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.log.AgentLog;
import redis.clients.jedis.exceptions.JedisDataException;

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
    private final RespEncoder resp;
    private long nextTrimNanos;

    RetentionTrimmer(EmitterConfig config, RespEncoder resp) {
        this.config = config;
        this.resp = resp;
        this.nextTrimNanos = System.nanoTime();
    }

    /**
     * Trims both streams when due. An error reply is logged at debug (the next interval tries again); a
     * lost connection propagates to the writer, which reconnects.
     */
    void trimIfDue(WriterConnection connection) {
        long now = System.nanoTime();
        if (now - nextTrimNanos < 0) return;
        nextTrimNanos = now + config.trimInterval().toNanos();
        List<byte[]> commands = new ArrayList<>(2);
        add(config.eventsStream(), config.eventsRetention(), commands);
        add(config.errorsStream(), config.errorsRetention(), commands);
        for (byte[] c : commands) connection.sendRaw(c);
        connection.flushRaw();
        for (int i = 0; i < commands.size(); i++) {
            try {
                connection.getOne();
            } catch (JedisDataException error) {
                AgentLog.debug("retention trim failed: " + error.getMessage());
            }
        }
    }

    private void add(String stream, Duration retention, List<byte[]> commands) {
        if (retention.isZero()) return;
        commands.add(RedisCommands.trimOlderThan(resp, stream, System.currentTimeMillis() - retention.toMillis()));
    }
}
