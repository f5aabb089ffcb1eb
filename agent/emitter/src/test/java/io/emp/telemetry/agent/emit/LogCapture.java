package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.log.AgentLog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Captures AgentLog lines for one test; restores stderr on close. */
final class LogCapture implements AutoCloseable {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    LogCapture() {
        AgentLog.setSink(line -> {
            lines.add(line);
            System.err.println(line);
        });
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    List<String> warnings() {
        return lines().stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).collect(Collectors.toList());
    }

    @Override
    public void close() {
        AgentLog.setSink(null);
    }
}
