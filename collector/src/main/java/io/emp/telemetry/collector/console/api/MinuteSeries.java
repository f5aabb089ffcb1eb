package io.emp.telemetry.collector.console.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per minute over a window, one series per name: the data of the small charts
 * ({@code {"start","bucketMs","buckets","series":{name:[counts…]}}}). Series beyond the
 * {@code maxSeries} largest are summed into {@code (other)}.
 */
final class MinuteSeries {
    static final long MINUTE = 60_000;

    private final long start;
    private final int buckets;
    private final Map<String, long[]> series = new TreeMap<>();

    MinuteSeries(long sinceMs, long untilMs) {
        this.start = sinceMs - Math.floorMod(sinceMs, MINUTE);
        this.buckets = (int) Math.max(1, Math.min(24 * 60, (untilMs - start + MINUTE - 1) / MINUTE));
    }

    void add(String name, long timestamp) {
        int i = (int) ((timestamp - start) / MINUTE);
        if (i < 0 || i >= buckets) return;
        series.computeIfAbsent(name, k -> new long[buckets])[i]++;
    }

    /** Makes sure a series exists (all zero), so a chart shows "none" rather than nothing. */
    void declare(String name) {
        series.computeIfAbsent(name, k -> new long[buckets]);
    }

    Map<String, Object> json(int maxSeries) {
        List<Map.Entry<String, long[]>> ordered = series.entrySet().stream()
                .sorted((a, b) -> Long.compare(total(b.getValue()), total(a.getValue()))).toList();
        Map<String, long[]> kept = new LinkedHashMap<>();
        long[] other = null;
        for (int i = 0; i < ordered.size(); i++) {
            if (i < maxSeries) {
                kept.put(ordered.get(i).getKey(), ordered.get(i).getValue());
            } else {
                if (other == null) other = new long[buckets];
                long[] v = ordered.get(i).getValue();
                for (int j = 0; j < buckets; j++) other[j] += v[j];
            }
        }
        if (other != null) kept.put("(other)", other);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start);
        m.put("bucketMs", MINUTE);
        m.put("buckets", buckets);
        m.put("series", kept);
        return m;
    }

    private static long total(long[] v) {
        long t = 0;
        for (long x : v) t += x;
        return t;
    }
}
