package io.emp.telemetry.collector.config;

import java.time.Duration;
import java.util.Locale;

/** The duration syntax of the configuration (same as the agent's): {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} or plain milliseconds. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String number = s;
        if (s.endsWith("ms")) {
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unit = 3_600_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("d")) {
            unit = 86_400_000;
            number = s.substring(0, s.length() - 1);
        }
        long n = Long.parseLong(number.trim());
        if (n < 0) throw new NumberFormatException("negative duration");
        return Duration.ofMillis(Math.multiplyExact(n, unit));
    }
}
