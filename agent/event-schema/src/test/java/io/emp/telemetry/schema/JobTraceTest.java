package io.emp.telemetry.schema;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobTraceTest {
    @Test
    void sameJobSameTraceDifferentJobsDiffer() {
        assertEquals(JobTrace.traceId("job-42"), JobTrace.traceId("job-42"));
        assertNotEquals(JobTrace.traceId("job-42"), JobTrace.traceId("job-43"));
        assertTrue(JobTrace.traceId("job-42").matches("[0-9a-f]{32}"));
        assertTrue(JobTrace.rootSpanId("job-42").matches("[0-9a-f]{16}"));
    }

    @Test
    void derivationIsStableAcrossReleases() {
        // SHA-256("emp-job:job-1"), computed independently with `printf 'emp-job:job-1' | sha256sum`.
        String expected = "4c2a52654c3dad553d285aedde4c7a2ce8c926224e06534eee2adc4318cbc1bd";
        assertEquals(expected.substring(0, 32), JobTrace.traceId("job-1"));
        assertEquals(expected.substring(32, 48), JobTrace.rootSpanId("job-1"));
    }
}
