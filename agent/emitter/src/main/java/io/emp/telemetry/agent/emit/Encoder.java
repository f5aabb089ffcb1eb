package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.Limits;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/** Encodes queued items on the writer thread (JSON work stays off application threads). */
final class Encoder {
    static final String STATUS_TIMESTAMP = "timestamp";
    static final String STATUS_SERVICE = "service";

    private final EmitterConfig config;

    Encoder(EmitterConfig config) {
        this.config = config;
    }

    PendingWrite encode(Object item) {
        if (item instanceof StatusMessage) return encodeStatus((StatusMessage) item);
        TelemetryEvent event = (TelemetryEvent) item;
        return PendingWrite.xadd(event.isError() ? config.errorsStream() : config.eventsStream(), EventCodec.encode(event), false);
    }

    PendingWrite encodeDropReport(TelemetryEvent report) {
        return PendingWrite.xadd(config.eventsStream(), EventCodec.encode(report), true);
    }

    /** The status payload is the data object plus {@code timestamp} and {@code service} unless the caller set them. */
    private PendingWrite encodeStatus(StatusMessage s) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(STATUS_TIMESTAMP, s.timestamp);
        payload.put(STATUS_SERVICE, config.serviceName());
        payload.putAll(s.data);
        return PendingWrite.publish(s.channel, EventCodec.encodeData(payload, Limits.MAX_VALUE_CHARS));
    }
}
