package io.emp.telemetry.agent;

import io.emp.telemetry.agent.log.AgentLog;
import io.emp.telemetry.schema.StackTraces;

/**
 * The agent core's log lines, {@code [emp-telemetry] LEVEL component: message}, through the
 * emitter's {@link AgentLog} (one prefix, level and destination for the whole agent). A stack
 * trace is only printed at debug level; otherwise the throwable is summarised on the same line.
 */
public final class Log {
    private Log() {
    }

    public static boolean debugEnabled() {
        return AgentLog.isEnabled(AgentLog.Level.DEBUG);
    }

    public static void debug(String component, String message) {
        write(AgentLog.Level.DEBUG, component, message, null);
    }

    public static void info(String component, String message) {
        write(AgentLog.Level.INFO, component, message, null);
    }

    public static void warn(String component, String message) {
        write(AgentLog.Level.WARN, component, message, null);
    }

    public static void warn(String component, String message, Throwable t) {
        write(AgentLog.Level.WARN, component, message, t);
    }

    public static void error(String component, String message, Throwable t) {
        write(AgentLog.Level.ERROR, component, message, t);
    }

    private static void write(AgentLog.Level level, String component, String message, Throwable t) {
        try {
            if (!AgentLog.isEnabled(level)) return;
            AgentLog.log(level, component + ": " + message + (t == null ? "" : " (" + t + ")"));
            // through AgentLog too: its sink, and the redaction every line passes (a stack can quote a secret)
            if (t != null && debugEnabled()) AgentLog.log(level, StackTraces.format(t, 16 * 1024));
        } catch (Throwable ignored) {
            // logging must never hurt the application
        }
    }
}
