package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.Attributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Durations ({@code durationMs}) per event type: count, percentiles, maximum and the slowest events. */
public final class DurationStats {
    /** Summary of one event type. */
    public record Row(String eventType, int count, double p50, double p95, double p99, double max, List<ConsumedEvent> slowest) {
    }

    private final Map<String, List<ConsumedEvent>> byType = new TreeMap<>();

    /** Keeps events that carry a numeric duration; returns whether it did. */
    public boolean add(ConsumedEvent c) {
        if (!(c.event().data().get(Attributes.DURATION_MS) instanceof Number)) return false;
        byType.computeIfAbsent(c.event().eventType(), k -> new ArrayList<>()).add(c);
        return true;
    }

    public List<Row> rows(int slowest) {
        List<Row> out = new ArrayList<>();
        byType.forEach((type, events) -> {
            List<ConsumedEvent> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparingDouble(DurationStats::millis));
            List<ConsumedEvent> top = new ArrayList<>(sorted.subList(Math.max(0, sorted.size() - slowest), sorted.size()));
            java.util.Collections.reverse(top);
            out.add(new Row(type, sorted.size(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    millis(sorted.get(sorted.size() - 1)), top));
        });
        return out;
    }

    /** Nearest-rank percentile of an ascending list. */
    static double percentile(List<ConsumedEvent> ascending, int p) {
        int rank = (int) Math.ceil(p / 100.0 * ascending.size());
        return millis(ascending.get(Math.max(0, rank - 1)));
    }

    public static double millis(ConsumedEvent c) {
        return ((Number) c.event().data().get(Attributes.DURATION_MS)).doubleValue();
    }
}
