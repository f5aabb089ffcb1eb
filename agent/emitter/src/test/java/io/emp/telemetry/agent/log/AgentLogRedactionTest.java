package io.emp.telemetry.agent.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 13, secrets: no agent log line carries a secret, whatever the caller passed in. */
class AgentLogRedactionTest {
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void restore() {
        AgentLog.setSink(null);
    }

    @Test
    void everyLineIsRedacted() {
        AgentLog.setSink(lines::add);
        AgentLog.warn("cannot connect to redis://:hunter2@db:6379: NOAUTH password=hunter2");
        AgentLog.error("export failed: {\"token\":\"abc\"}");
        assertEquals(2, lines.size());
        for (String line : lines) {
            assertFalse(line.contains("hunter2") || line.contains("abc"), line);
        }
        assertEquals("[emp-telemetry] WARN cannot connect to redis://:[REDACTED]@db:6379: NOAUTH password=[REDACTED]",
                lines.get(0));
    }

    @Test
    void urlsAlreadyMaskedForTheLogAreKept() {
        AgentLog.setSink(lines::add);
        AgentLog.info("events to " + AgentLog.redactUrl("redis://u:p@ss@host/0"));
        assertEquals("[emp-telemetry] INFO events to redis://u:****@host/0", lines.get(0));
    }
}
