package io.emp.telemetry.agent.log;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.schema.Redaction;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The agent's own log: one prefixed line per message ({@code [emp-telemetry] WARN ...}) to stderr or
 * to the file named by {@code log.file}. Deliberately not a logging framework: the agent is a guest
 * in the application's JVM and must not touch the application's logging configuration.
 */
public final class AgentLog {
    public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

    public static final String PREFIX = "[emp-telemetry] ";
    /** Keys remembered by {@link #once}; past this many, further "once" keys are dropped to keep memory bounded. */
    private static final int MAX_ONCE_KEYS = 1024;
    private static final Pattern URL_USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)@");
    private static final Pattern URL_SECRET_PARAM = Pattern.compile("(?i)([?&](?:password|pass|pwd|token)=)[^&#]*");

    private static volatile Level threshold = Level.INFO;
    private static volatile Consumer<String> sink = AgentLog::toStderr;
    private static final Set<String> onceKeys = ConcurrentHashMap.newKeySet();

    private AgentLog() {
    }

    /** Applies {@code log.level} and {@code log.file}; a bad value is reported and the default kept. */
    public static void configure(Settings settings) {
        String level = settings.get("log.level");
        if (level != null) {
            Level parsed = parseLevel(level);
            if (parsed == null) {
                warn("invalid log level '" + level + "' in " + settings.describe("log.level")
                        + " (expected debug, info, warn, error or off); keeping " + threshold.name().toLowerCase(Locale.ROOT));
            } else {
                threshold = parsed;
            }
        }
        String file = settings.get("log.file");
        if (file != null) {
            try {
                PrintStream out = new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8.name());
                sink = out::println;
            } catch (IOException | RuntimeException e) {
                warn("cannot open log file '" + file + "' from " + settings.describe("log.file") + ": " + e.getMessage()
                        + "; logging to stderr");
            }
        }
    }

    static Level parseLevel(String s) {
        try {
            return Level.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Where lines go; tests capture them. {@code null} restores stderr. */
    public static void setSink(Consumer<String> newSink) {
        sink = newSink == null ? AgentLog::toStderr : newSink;
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    public static boolean isEnabled(Level level) {
        return level != Level.OFF && level.compareTo(threshold) >= 0;
    }

    public static void debug(String message) { log(Level.DEBUG, message); }
    public static void info(String message) { log(Level.INFO, message); }
    public static void warn(String message) { log(Level.WARN, message); }
    public static void error(String message) { log(Level.ERROR, message); }

    public static void log(Level level, String message) {
        if (!isEnabled(level)) return;
        try {
            // Last line of defence: whatever a caller put in (an exception text, a URL), no secret is printed.
            sink.accept(PREFIX + level.name() + " " + Redaction.shared().text(message));
        } catch (Throwable ignored) {
            // Logging must never break the caller (a closed stderr, a full disk).
        }
    }

    /** Logs {@code message} only the first time {@code key} is seen in this JVM. */
    public static void once(String key, Level level, String message) {
        if (!isEnabled(level) || onceKeys.size() >= MAX_ONCE_KEYS) return;
        if (onceKeys.add(key)) log(level, message);
    }

    /** A Redis (or any) URL with its password replaced by {@code ****}; safe to log. */
    public static String redactUrl(String url) {
        if (url == null) return null;
        String out = url;
        java.util.regex.Matcher m = URL_USERINFO.matcher(out);
        if (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            // A userinfo without ':' is a password for Redis URLs (redis://secret@host).
            String redacted = colon >= 0 ? userInfo.substring(0, colon) + ":****" : "****";
            out = m.group(1) + redacted + "@" + out.substring(m.end());
        }
        return URL_SECRET_PARAM.matcher(out).replaceAll("$1****");
    }

    private static void toStderr(String line) {
        System.err.println(line);
    }
}
