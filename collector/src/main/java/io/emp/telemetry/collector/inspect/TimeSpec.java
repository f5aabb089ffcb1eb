package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.config.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A point in time on the command line: a duration ago ({@code 15m}, {@code 2h}, {@code 30s},
 * {@code 7d}), an ISO-8601 instant ({@code 2026-11-23T19:00:00Z}), a local date-time
 * ({@code 2026-11-23T19:00:00}) or epoch milliseconds ({@code 1795462448782}).
 */
public final class TimeSpec {
    private TimeSpec() {
    }

    public static long parse(String text, long nowMs) {
        String s = text.trim();
        if (s.matches("\\d{12,}")) return Long.parseLong(s);
        try {
            if (s.contains("T")) {
                try {
                    return Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException notInstant) {
                    return LocalDateTime.parse(s).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
                }
            }
            return nowMs - duration(s).toMillis();
        } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time (examples: 15m, 1h, 2026-11-23T19:00:00Z, epoch ms)");
        }
    }

    public static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 30s, 15m, 1h, 7d)");
        }
    }
}
