package io.emp.telemetry.agent.context;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceParentTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void parsesAndFormatsTheSpecExample() {
        SpanContext c = TraceParent.parse(VALID);
        assertNotNull(c);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", c.traceId());
        assertEquals("00f067aa0ba902b7", c.spanId());
        assertTrue(c.sampled());
        assertEquals(VALID, TraceParent.format(c));
    }

    @Test
    void notSampledFlagRoundTrips() {
        SpanContext c = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        assertFalse(c.sampled());
        assertTrue(TraceParent.format(c).endsWith("-00"));
    }

    @Test
    void acceptsUpperCaseAndSurroundingBlanks() {
        assertNotNull(TraceParent.parse("  " + VALID.toUpperCase() + " "));
    }

    @Test
    void futureVersionWithExtraFieldsIsAccepted() {
        assertNotNull(TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future"));
    }

    @Test
    void rejectsInvalidHeaders() {
        assertNull(TraceParent.parse(null));
        assertNull(TraceParent.parse(""));
        assertNull(TraceParent.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), "version ff");
        assertNull(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"), "zero trace");
        assertNull(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"), "zero span");
        assertNull(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01"), "not hex");
        assertNull(TraceParent.parse(VALID + "-extra"), "version 00 has exactly four fields");
        assertNull(TraceParent.parse("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"));
        assertNull(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz"), "flags");
    }
}
