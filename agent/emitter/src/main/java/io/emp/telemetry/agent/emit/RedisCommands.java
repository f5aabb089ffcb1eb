package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.TelemetryEvent;

/** The few Redis commands the writer sends, encoded as RESP by a {@link RespEncoder} (one per writer thread). */
final class RedisCommands {
    private RedisCommands() {
    }

    /**
     * {@code XADD stream [MAXLEN ~ n] * field value ...} of one event's entry fields: approximate trimming lets
     * Redis drop whole macro nodes, cheaply.
     */
    static byte[] xadd(RespEncoder resp, String stream, long maxlen, TelemetryEvent event, String instance, String machineId) {
        resp.command("XADD").arg(stream);
        if (maxlen > 0) resp.arg("MAXLEN").arg("~").arg(maxlen);
        resp.arg("*").fields();
        EventCodec.encode(event, instance, machineId, resp);
        return resp.toBytes();
    }

    static byte[] publish(RespEncoder resp, String channel, String message) {
        return resp.command("PUBLISH").arg(channel).arg(message).toBytes();
    }

    static byte[] setWithExpiry(RespEncoder resp, String key, String value, long seconds) {
        return resp.command("SET").arg(key).arg(value).arg("EX").arg(seconds).toBytes();
    }

    /** {@code XTRIM stream MINID ~ <id>}. */
    static byte[] trimOlderThan(RespEncoder resp, String stream, long minIdMillis) {
        return resp.command("XTRIM").arg(stream).arg("MINID").arg("~").arg(minIdMillis).toBytes();
    }

    static long maxlenFor(EmitterConfig config, String stream) {
        return stream.equals(config.errorsStream()) ? config.errorsMaxlen() : config.eventsMaxlen();
    }
}
