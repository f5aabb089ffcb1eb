package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Error events of a window grouped by error type and service, with their most frequent messages. */
public final class ErrorSummary {
    /** One (errorType, service) group. */
    public record Group(String errorType, String service, long count, long firstSeen, long lastSeen, String lastJobId) {
    }

    /** One message shape ({@link MessageShape}): its count and the latest message of that shape. */
    public record Message(String errorType, String message, long count, String example) {
    }

    private final Map<List<String>, Group> groups = new HashMap<>();
    private final Map<List<String>, Long> messages = new HashMap<>();
    private final Map<List<String>, String> examples = new HashMap<>();
    private long total;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    public void add(ConsumedEvent c) {
        TelemetryEvent e = c.event();
        String type = e.errorType() != null ? e.errorType() : e.eventType();
        total++;
        first = Math.min(first, e.timestamp());
        last = Math.max(last, e.timestamp());
        groups.merge(List.of(type, e.service()), new Group(type, e.service(), 1, e.timestamp(), e.timestamp(), e.jobId()),
                (a, b) -> new Group(a.errorType(), a.service(), a.count() + 1, Math.min(a.firstSeen(), b.firstSeen()),
                        Math.max(a.lastSeen(), b.lastSeen()), b.lastSeen() >= a.lastSeen() && b.lastJobId() != null ? b.lastJobId() : a.lastJobId()));
        String message = e.errorMessage() == null ? "" : e.errorMessage().replaceAll("\\s+", " ").trim();
        List<String> key = List.of(type, MessageShape.of(message));
        messages.merge(key, 1L, Long::sum);
        examples.put(key, message);
    }

    public long total() {
        return total;
    }

    public long first() {
        return first;
    }

    public long last() {
        return last;
    }

    /** Most frequent first. */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::errorType).thenComparing(Group::service));
        return out;
    }

    /** The {@code n} most frequent messages. */
    public List<Message> topMessages(int n) {
        List<Message> out = new ArrayList<>();
        messages.forEach((k, v) -> out.add(new Message(k.get(0), k.get(1), v, examples.get(k))));
        out.sort(Comparator.comparingLong(Message::count).reversed().thenComparing(Message::message));
        return out.subList(0, Math.min(n, out.size()));
    }
}
