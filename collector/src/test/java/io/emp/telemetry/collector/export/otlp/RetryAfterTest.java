package io.emp.telemetry.collector.export.otlp;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Both forms of Retry-After (RFC 9110): delta-seconds and HTTP-date. */
class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T20:00:00Z"), ZoneOffset.UTC);

    @Test
    void deltaSeconds() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", NOW));
    }

    @Test
    void httpDate() {
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Mon, 23 Nov 2026 20:01:30 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("Mon, 23 Nov 2026 19:00:00 GMT", NOW), "a date in the past: retry now");
    }

    @Test
    void absentOrUnreadableGivesNoHint() {
        assertNull(RetryAfter.parse(null, NOW));
        assertNull(RetryAfter.parse("", NOW));
        assertNull(RetryAfter.parse("-5", NOW));
        assertNull(RetryAfter.parse("soon", NOW));
    }
}
