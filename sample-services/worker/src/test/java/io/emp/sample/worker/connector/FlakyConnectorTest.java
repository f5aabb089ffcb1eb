package io.emp.sample.worker.connector;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlakyConnectorTest {
    private final FlakyConnector connector = new FlakyConnector();

    @Test
    void failFlagFailsEveryAttempt() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            UpstreamServiceException e = assertThrows(UpstreamServiceException.class, run(attempt, Map.of("fail", true)));
            assertEquals(503, e.getStatusCode());
        }
    }

    @Test
    void failAttemptsFailsTheFirstAttemptsThenSucceeds() throws Exception {
        assertThrows(UpstreamServiceException.class, run(1, Map.of("failAttempts", 2)));
        assertThrows(UpstreamServiceException.class, run(2, Map.of("failAttempts", 2)));
        ConnectorResult result = connector.processJob(TestJobs.claimed("j1", "flaky", 3, Map.of("failAttempts", 2)), (p, m) -> { });
        assertEquals(3, result.getOutput().get("attempt"));
    }

    @Test
    void failRateIsDeterministicPerJobAndAttempt() {
        int failures = 0;
        for (int i = 0; i < 1000; i++) {
            double roll = FlakyConnector.roll("job-" + i, 1);
            assertTrue(roll >= 0 && roll < 1);
            assertEquals(roll, FlakyConnector.roll("job-" + i, 1));
            if (FlakyConnector.shouldFail(TestJobs.claimed("job-" + i, "flaky", 1, Map.of()), Map.of("failRate", 0.3))) failures++;
        }
        assertTrue(failures > 220 && failures < 380, "about 30% fail: " + failures);
    }

    @Test
    void failRateBoundsAreExact() {
        for (int i = 0; i < 100; i++) {
            assertFalse(FlakyConnector.shouldFail(TestJobs.claimed("j" + i, "flaky", 1, Map.of()), Map.of("failRate", 0)));
            assertTrue(FlakyConnector.shouldFail(TestJobs.claimed("j" + i, "flaky", 1, Map.of()), Map.of("failRate", 1)));
        }
    }

    @Test
    void wrongPayloadTypeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run(1, Map.of("failRate", "high")));
        assertTrue(e.getMessage().contains("payload.failRate"));
    }

    private org.junit.jupiter.api.function.Executable run(int attempt, Map<String, Object> payload) {
        return () -> connector.processJob(TestJobs.claimed("j1", "flaky", attempt, payload), (p, m) -> { });
    }
}
