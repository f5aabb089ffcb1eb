package io.emp.telemetry.agent.emit;

import java.util.Map;

/** A queued Pub/Sub status message; its data map is a private copy taken on the calling thread. */
final class StatusMessage {
    final String channel;
    final Map<String, Object> data;
    final long timestamp;
    /** What it costs in the queue, counted like {@code TelemetryEvent.approximateSize()}. */
    final int approximateSize;

    StatusMessage(String channel, Map<String, Object> data, long timestamp) {
        this.channel = channel;
        this.data = data;
        this.timestamp = timestamp;
        int n = 128 + channel.length();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            n += 32 + e.getKey().length() + (v instanceof String ? ((String) v).length() : 16);
        }
        this.approximateSize = n;
    }
}
