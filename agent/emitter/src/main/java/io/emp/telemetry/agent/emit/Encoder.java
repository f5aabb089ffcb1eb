package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.Limits;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes queued items on the writer thread (JSON work stays off application threads) into the RESP bytes of
 * their commands: events with the wire schema's {@link EventCodec} (jackson-core streaming for {@code data}),
 * written straight into a {@link RespEncoder}, plus the {@code instance} field and the
 * process's {@code machineId} on every event that names no machine itself.
 */
final class Encoder {
    static final String STATUS_TIMESTAMP = "timestamp";
    static final String STATUS_SERVICE = "service";
    private static final String JOB_PREFIX = "job:";
    private static final String STATUS_SUFFIX = ":status";
    private static final String LATEST_STATUS_SUFFIX = ":latest-status";

    private final EmitterConfig config;
    private final long latestStatusTtlSeconds;
    private final RespEncoder resp;

    Encoder(EmitterConfig config, RespEncoder resp) {
        this.config = config;
        this.resp = resp;
        this.latestStatusTtlSeconds = config.statusLatestTtl().getSeconds();
    }

    /** Adds the command(s) for one queued item to {@code out}. */
    void encode(Object item, List<PendingWrite> out) {
        if (item instanceof StatusMessage) {
            encodeStatus((StatusMessage) item, out);
            return;
        }
        TelemetryEvent event = (TelemetryEvent) item;
        String stream = event.isError() ? config.errorsStream() : config.eventsStream();
        out.add(PendingWrite.of(PendingWrite.Kind.EVENT, stream, xadd(stream, event)));
    }

    PendingWrite encodeDropReport(TelemetryEvent report, DropReason reason, long count) {
        return PendingWrite.dropReport(config.eventsStream(), xadd(config.eventsStream(), report), reason, count);
    }

    private byte[] xadd(String stream, TelemetryEvent event) {
        return RedisCommands.xadd(resp, stream, RedisCommands.maxlenFor(config, stream), event, config.instanceId(), config.machineId());
    }

    /**
     * The status payload is the data object plus {@code timestamp} and {@code service} unless the caller set
     * them; a job's status channel ({@code job:{id}:status}) also keeps the message as {@code job:{id}:latest-status}.
     */
    private void encodeStatus(StatusMessage s, List<PendingWrite> out) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(STATUS_TIMESTAMP, s.timestamp);
        payload.put(STATUS_SERVICE, config.serviceName());
        payload.putAll(s.data);
        String message = EventCodec.encodeData(payload, Limits.MAX_VALUE_CHARS);
        out.add(PendingWrite.of(PendingWrite.Kind.STATUS, s.channel, RedisCommands.publish(resp, s.channel, message)));
        String latestKey = latestStatusKey(s.channel);
        if (latestKey != null && latestStatusTtlSeconds > 0) {
            out.add(PendingWrite.of(PendingWrite.Kind.LATEST_STATUS, latestKey,
                    RedisCommands.setWithExpiry(resp, latestKey, message, latestStatusTtlSeconds)));
        }
    }

    /** {@code job:42:status} → {@code job:42:latest-status}; {@code null} for any other channel. */
    static String latestStatusKey(String channel) {
        if (!channel.startsWith(JOB_PREFIX) || !channel.endsWith(STATUS_SUFFIX)
                || channel.length() <= JOB_PREFIX.length() + STATUS_SUFFIX.length()) return null;
        return channel.substring(0, channel.length() - STATUS_SUFFIX.length()) + LATEST_STATUS_SUFFIX;
    }
}
