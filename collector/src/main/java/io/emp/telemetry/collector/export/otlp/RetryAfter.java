package io.emp.telemetry.collector.export.otlp;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP Retry-After header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. */
final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait the server asked for, or {@code null} when the header is absent or unreadable. */
    static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) return null;
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
