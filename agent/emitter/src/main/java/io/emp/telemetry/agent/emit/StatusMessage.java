package io.emp.telemetry.agent.emit;

import java.util.Map;

/** A queued Pub/Sub status message; its data map is a private copy taken on the calling thread. */
final class StatusMessage {
    final String channel;
    final Map<String, Object> data;
    final long timestamp;

    StatusMessage(String channel, Map<String, Object> data, long timestamp) {
        this.channel = channel;
        this.data = data;
        this.timestamp = timestamp;
    }
}
