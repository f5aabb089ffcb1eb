package io.emp.telemetry.agent.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentLogTest {
    private final List<String> lines = new ArrayList<>();

    @BeforeEach
    void capture() {
        AgentLog.setSink(lines::add);
    }

    @AfterEach
    void restore() {
        AgentLog.setSink(null);
        AgentLog.setLevel(AgentLog.Level.INFO);
    }

    @Test
    void redactsPasswordsInUrls() {
        assertEquals("redis://user:****@host:6379/0", AgentLog.redactUrl("redis://user:s3cr3t@host:6379/0"));
        assertEquals("redis://:****@host:6379", AgentLog.redactUrl("redis://:s3cr3t@host:6379"));
        assertEquals("rediss://****@host", AgentLog.redactUrl("rediss://s3cr3t@host"));
        assertEquals("redis://host:6379", AgentLog.redactUrl("redis://host:6379"));
        assertEquals("redis://host?password=****&db=1", AgentLog.redactUrl("redis://host?password=abc&db=1"));
        assertEquals("redis://u:****@host/a@b", AgentLog.redactUrl("redis://u:p@ss@host/a@b"));
    }

    @Test
    void levelsAndPrefix() {
        AgentLog.debug("hidden");
        AgentLog.info("shown");
        AgentLog.setLevel(AgentLog.Level.WARN);
        AgentLog.info("hidden too");
        AgentLog.error("bad");
        assertEquals(List.of("[emp-telemetry] INFO shown", "[emp-telemetry] ERROR bad"), lines);
    }

    @Test
    void onceLogsAKeyOnlyOnce() {
        AgentLog.once("agent-log-test-key", AgentLog.Level.WARN, "first");
        AgentLog.once("agent-log-test-key", AgentLog.Level.WARN, "second");
        assertEquals(List.of("[emp-telemetry] WARN first"), lines);
    }

    @Test
    void reasonLogRepeatsOnlyWhenTheReasonChanges() {
        ReasonLog r = new ReasonLog(60_000);
        assertTrue(r.failure("refused", AgentLog.Level.WARN, "refused"));
        for (int i = 0; i < 10; i++) r.failure("refused", AgentLog.Level.WARN, "refused");
        assertTrue(r.failure("WRONGPASS", AgentLog.Level.WARN, "auth"));
        assertTrue(r.recovered());
        assertTrue(r.failure("refused", AgentLog.Level.WARN, "refused"));
        assertEquals(List.of("[emp-telemetry] WARN refused", "[emp-telemetry] WARN auth", "[emp-telemetry] WARN refused"), lines);
    }

    @Test
    void reasonLogRemindsAfterItsInterval() throws Exception {
        ReasonLog r = new ReasonLog(1);
        r.failure("refused", AgentLog.Level.WARN, "refused");
        r.failure("refused", AgentLog.Level.WARN, "refused");
        Thread.sleep(5);
        assertTrue(r.failure("refused", AgentLog.Level.WARN, "refused"));
        assertTrue(lines.get(1).contains("still failing; 1 retries since the last message"), lines.toString());
    }

    @Test
    void logFileAndLevelComeFromSettings() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("emp-agent", ".log");
        try {
            AgentLog.configure(io.emp.telemetry.agent.config.Settings.of(java.util.Map.of("log.file", file.toString(), "log.level", "debug")));
            AgentLog.debug("to the file");
            assertEquals(List.of("[emp-telemetry] DEBUG to the file"), java.nio.file.Files.readAllLines(file));
            AgentLog.setSink(lines::add);
            AgentLog.configure(io.emp.telemetry.agent.config.Settings.of(java.util.Map.of("log.level", "loud")));
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("invalid log level 'loud' in -Demp.log.level"), lines.get(0));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
