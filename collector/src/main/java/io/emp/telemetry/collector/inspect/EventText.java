package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/** Compact, one-line renderings of events for a terminal: times, durations, attributes, errors. */
public final class EventText {
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final int VALUE_CHARS = 40;
    /** Shown in their own column or not useful on one line. */
    private static final Set<String> HIDDEN = Set.of(Attributes.DURATION_MS, Attributes.LINK_SPAN_ID, Attributes.TRUNCATED);

    private EventText() {
    }

    public static String time(long epochMs) {
        return TIME.format(Instant.ofEpochMilli(epochMs));
    }

    public static String dateTime(long epochMs) {
        return DATE_TIME.format(Instant.ofEpochMilli(epochMs));
    }

    /** {@code 250.5ms}, {@code 1.52s}; empty when the event has no duration. */
    public static String duration(TelemetryEvent e) {
        Object d = e.data().get(Attributes.DURATION_MS);
        if (!(d instanceof Number n)) return "";
        return millis(n.doubleValue());
    }

    public static String millis(double ms) {
        if (ms >= 10_000) return String.format("%.1fs", ms / 1000);
        if (ms >= 1000) return String.format("%.2fs", ms / 1000);
        if (ms == Math.rint(ms)) return (long) ms + "ms";
        return String.format("%.1fms", ms);
    }

    /** {@code errorType: message} for errors, else the key attributes as {@code k=v}, cut to {@code max}. */
    public static String details(TelemetryEvent e, int max) {
        return details(e, max, VALUE_CHARS);
    }

    /** As {@link #details(TelemetryEvent, int)}, each attribute value cut to {@code valueMax}. */
    public static String details(TelemetryEvent e, int max, int valueMax) {
        StringBuilder sb = new StringBuilder();
        if (e.isError()) {
            sb.append(e.errorType());
            if (e.errorMessage() != null && !e.errorMessage().isEmpty()) sb.append(": ").append(oneLine(e.errorMessage()));
            sb.append("  ");
        }
        if (e.workerId() != null) sb.append("worker=").append(e.workerId()).append(' ');
        if (e.machineId() != null) sb.append("machine=").append(e.machineId()).append(' ');
        for (Map.Entry<String, Object> a : e.data().entrySet()) {
            if (HIDDEN.contains(a.getKey())) continue;
            String value = oneLine(String.valueOf(a.getValue()));
            if (a.getKey().equals(Attributes.LINK_TRACE_ID)) value = value.substring(0, Math.min(8, value.length())) + "…";
            sb.append(a.getKey()).append('=').append(cut(value, valueMax)).append(' ');
        }
        return cut(sb.toString().trim(), max);
    }

    /** Details with the limits of {@code style} (none when output is piped or with {@code --full}). */
    public static String details(TelemetryEvent e, Style style, int max) {
        return details(e, style.limit(max), style.limit(VALUE_CHARS));
    }

    /** The error's stack trace, indented under its row; empty when there is none or the style hides it. */
    public static String stack(TelemetryEvent e, Style style, String indent) {
        if (!style.stacks() || e.errorStack() == null || e.errorStack().isBlank()) return "";
        StringBuilder sb = new StringBuilder();
        for (String line : e.errorStack().strip().split("\\R")) sb.append(indent).append(line.strip()).append('\n');
        return sb.toString();
    }

    /** How long ago, coarsely: {@code 850ms}, {@code 12.3s}, {@code 5m}, {@code 3h}, {@code 2d}. */
    public static String age(long ms) {
        if (ms < 1000) return Math.max(0, ms) + "ms";
        if (ms < 60_000) return String.format("%.1fs", ms / 1000.0);
        if (ms < 3_600_000) return ms / 60_000 + "m";
        if (ms < 86_400_000) return ms / 3_600_000 + "h";
        return ms / 86_400_000 + "d";
    }

    public static String cut(String s, int max) {
        if (s.length() <= max) return s;
        return s.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }

    public static String pad(String s, int width) {
        if (s.length() >= width) return s;
        return s + " ".repeat(width - s.length());
    }

    public static String padLeft(String s, int width) {
        if (s.length() >= width) return s;
        return " ".repeat(width - s.length()) + s;
    }
}
