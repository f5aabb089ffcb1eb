package io.emp.telemetry.collector.reactions.match;

import io.emp.telemetry.collector.reactions.classify.Failure;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a reaction may read about one stream entry: the event's fields, its {@code data}, where it came
 * from ({@code entry.id}, {@code entry.stream}), its classified {@code failure} (when it is one) and the
 * reaction being run.
 */
public final class EventContext {
    private final TelemetryEvent event;
    private final String stream;
    private final String entryId;
    private final Failure failure;
    private final String reactionId;
    private final long now;

    public EventContext(TelemetryEvent event, String stream, String entryId, Failure failure, String reactionId, long now) {
        this.event = event;
        this.stream = stream;
        this.entryId = entryId;
        this.failure = failure;
        this.reactionId = reactionId;
        this.now = now;
    }

    public EventContext forReaction(String id) {
        return new EventContext(event, stream, entryId, failure, id, now);
    }

    public TelemetryEvent event() { return event; }
    public String stream() { return stream; }
    public String entryId() { return entryId; }
    public Failure failure() { return failure; }
    public String reactionId() { return reactionId; }

    /** The value of one root field (see {@link EventPath#ROOTS}), or null. */
    Object root(String name) {
        switch (name) {
            case "eventType": return event.eventType();
            case "service": return event.service();
            case "timestamp": return event.timestamp();
            case "traceId": return event.traceId();
            case "spanId": return event.spanId();
            case "parentSpanId": return event.parentSpanId();
            case "jobId": return event.jobId();
            case "workerId": return event.workerId();
            case "machineId": return event.machineId();
            case "userId": return event.userId();
            case "errorType": return event.errorType();
            case "errorMessage": return event.errorMessage();
            case "data": return event.data();
            case "failure": return failure == null ? null : failure.asMap();
            case "entry": return Map.of("id", entryId, "stream", stream);
            case "reaction": return reactionId == null ? null : Map.of("id", reactionId);
            case "now": return now;
            default: return null;
        }
    }

    /** The event's fields as one map, for dry-run output and dead letters. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String r : EventPath.ROOTS) {
            Object v = root(r);
            if (v != null && !(v instanceof Map<?, ?> m && m.isEmpty())) out.put(r, v);
        }
        return out;
    }
}
