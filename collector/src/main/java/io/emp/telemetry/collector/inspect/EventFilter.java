package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which events a search or tail shows. Job id and service match exactly, or as a glob when they
 * contain {@code *} or {@code ?}; the event type matches as a substring, or as a glob; the trace id
 * matches exactly or by prefix. Unset criteria match everything.
 */
public final class EventFilter implements Predicate<ConsumedEvent> {
    private final Predicate<String> job;
    private final Predicate<String> service;
    private final Predicate<String> type;
    private final String tracePrefix;
    private final boolean errorsOnly;

    public EventFilter(String job, String service, String type, String trace, boolean errorsOnly) {
        this.job = exactOrGlob(job);
        this.service = exactOrGlob(service);
        this.type = substringOrGlob(type);
        this.tracePrefix = trace == null ? null : trace.toLowerCase(java.util.Locale.ROOT);
        this.errorsOnly = errorsOnly;
    }

    public boolean errorsOnly() {
        return errorsOnly;
    }

    @Override
    public boolean test(ConsumedEvent c) {
        TelemetryEvent e = c.event();
        if (errorsOnly && !c.fromErrorStream() && !e.isError()) return false;
        if (job != null && (e.jobId() == null || !job.test(e.jobId()))) return false;
        if (service != null && !service.test(e.service())) return false;
        if (type != null && !type.test(e.eventType())) return false;
        return tracePrefix == null || e.traceId().startsWith(tracePrefix);
    }

    /** Substring, or glob when {@code pattern} has {@code *} or {@code ?}; null for no pattern. */
    public static Predicate<String> substringOrGlob(String pattern) {
        if (pattern == null) return null;
        return isGlob(pattern) ? glob(pattern) : s -> s != null && s.contains(pattern);
    }

    private static Predicate<String> exactOrGlob(String pattern) {
        if (pattern == null) return null;
        return isGlob(pattern) ? glob(pattern) : pattern::equals;
    }

    private static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** {@code *} any characters, {@code ?} one character, everything else literal. */
    static Predicate<String> glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*' || ch == '?') {
                if (literal.length() > 0) regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) regex.append(Pattern.quote(literal.toString()));
        Pattern p = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return s -> s != null && p.matcher(s).matches();
    }
}
