package io.emp.telemetry.agent.config;

import java.time.Duration;
import java.util.Locale;

/** Parses the duration syntax of every configuration key: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}, or plain milliseconds. */
public final class Durations {
    private Durations() {
    }

    /** The duration, or {@code null} when {@code text} is not one (negative values are not durations). */
    public static Duration parse(String text) {
        if (text == null) return null;
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unitMillis;
        String number;
        if (s.endsWith("ms")) {
            unitMillis = 1;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unitMillis = 1000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unitMillis = 60_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unitMillis = 3_600_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("d")) {
            unitMillis = 86_400_000;
            number = s.substring(0, s.length() - 1);
        } else {
            unitMillis = 1;
            number = s;
        }
        try {
            long n = Long.parseLong(number.trim());
            if (n < 0 || n > Long.MAX_VALUE / unitMillis) return null;
            return Duration.ofMillis(n * unitMillis);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Short human form for messages: {@code 2s}, {@code 24h}, {@code 150ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms >= 2 * 86_400_000L && ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms != 0 && ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms != 0 && ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms != 0 && ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
