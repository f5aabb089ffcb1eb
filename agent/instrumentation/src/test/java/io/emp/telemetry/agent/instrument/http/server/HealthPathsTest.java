package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthPathsTest {
    @Test
    void defaultsMatchTheUsualProbeNamesAsTheLastSegment() {
        HealthPaths paths = HealthPaths.from(Settings.of(Map.of()));
        for (String p : new String[] {"/health", "/health/", "/HEALTH", "/api/v1/healthz", "/ready", "/readyz",
                "/live", "/livez", "/actuator/health/liveness", "/readiness"}) {
            assertTrue(paths.matches(p), p);
        }
        for (String p : new String[] {"/", "", "/jobs", "/jobs/health-report", "/healthy", "/health/db", "/deliver"}) {
            assertFalse(paths.matches(p), p);
        }
        assertFalse(paths.matches(null));
    }

    @Test
    void configuredNamesExactPathsAndPrefixesReplaceTheDefaults() {
        HealthPaths paths = HealthPaths.from(Settings.of(Map.of(HealthPaths.KEY, " ping , /internal/status, /probes/* ")));
        assertTrue(paths.matches("/ping"));
        assertTrue(paths.matches("/a/b/PING"));
        assertTrue(paths.matches("/internal/status"));
        assertTrue(paths.matches("/internal/status/"));
        assertFalse(paths.matches("/other/internal/status"));
        assertTrue(paths.matches("/probes/db"));
        assertTrue(paths.matches("/probes/"));
        assertFalse(paths.matches("/probes"));
        assertFalse(paths.matches("/health"), "the list replaces the defaults");
        assertEquals("ping,/internal/status,/probes/*", paths.toString());
    }

    @Test
    void noneOrAnEmptyListTurnsHealthChecksOff() {
        assertFalse(HealthPaths.parse("none").matches("/health"));
        assertFalse(HealthPaths.parse(" ").matches("/health"));
        assertEquals("none", HealthPaths.parse("NONE").toString());
    }

    @Test
    void entriesThatAreNeitherANameNorAPathAreIgnored() {
        HealthPaths paths = HealthPaths.parse("a/b,he*,status");
        assertEquals("status", paths.toString());
        assertTrue(paths.matches("/status"));
    }
}
