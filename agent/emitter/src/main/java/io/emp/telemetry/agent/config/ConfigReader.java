package io.emp.telemetry.agent.config;

import io.emp.telemetry.agent.log.AgentLog;

import java.time.Duration;

/**
 * Typed reads of {@link Settings} keys that never throw: a bad value is reported in one log line
 * naming the key, where the value came from and the default used instead.
 */
final class ConfigReader {
    private final Settings settings;

    ConfigReader(Settings settings) {
        this.settings = settings;
    }

    String string(String key, String defaultValue) {
        return settings.get(key, defaultValue);
    }

    long longAtLeast(String key, long min, long defaultValue) {
        String raw = settings.get(key);
        if (raw == null) return defaultValue;
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= min) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        return invalid(key, raw, "a whole number >= " + min, defaultValue);
    }

    int intBetween(String key, int min, int max, int defaultValue) {
        String raw = settings.get(key);
        if (raw == null) return defaultValue;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        return invalid(key, raw, "a whole number from " + min + " to " + max, defaultValue);
    }

    Duration duration(String key, Duration min, Duration defaultValue) {
        String raw = settings.get(key);
        if (raw == null) return defaultValue;
        Duration d = Durations.parse(raw);
        if (d != null && d.compareTo(min) >= 0) return d;
        return invalid(key, raw, "a duration >= " + Durations.format(min) + " such as 500ms, 30s, 24h, 7d or plain milliseconds",
                defaultValue);
    }

    /** A duration where a plain number means seconds ({@code 300}, {@code 5m}, {@code 0} = off). */
    Duration seconds(String key, Duration defaultValue) {
        String raw = settings.get(key);
        if (raw == null) return defaultValue;
        String t = raw.trim();
        Duration d = t.chars().allMatch(Character::isDigit) && !t.isEmpty() && t.length() < 12
                ? Duration.ofSeconds(Long.parseLong(t)) : Durations.parse(t);
        if (d != null) return d;
        return invalid(key, raw, "seconds (300), a duration such as 5m, or 0 for off", defaultValue);
    }

    <T> T invalid(String key, String raw, String expected, T defaultValue) {
        String shown = defaultValue instanceof Duration ? Durations.format((Duration) defaultValue) : String.valueOf(defaultValue);
        AgentLog.warn("invalid value '" + raw + "' for " + key + " (from " + settings.describe(key) + "): expected "
                + expected + "; using the default " + shown);
        return defaultValue;
    }

    String describe(String key) {
        return settings.describe(key);
    }
}
