package io.emp.telemetry.collector.reactions.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path into an event, in the rules' path syntax ({@code root (.name | ['key'])*}) with the event's fields as
 * roots: {@code jobId}, {@code data.model}, {@code data['http.route']}, {@code failure.category}. It only reads;
 * evaluation never throws and a missing step makes the value absent (null).
 */
public final class EventPath {
    /** The roots an event offers; {@code data}, {@code failure}, {@code entry} and {@code reaction} have children. */
    public static final List<String> ROOTS = List.of("eventType", "service", "timestamp", "traceId", "spanId",
            "parentSpanId", "jobId", "workerId", "machineId", "userId", "errorType", "errorMessage", "data",
            "failure", "entry", "reaction", "now");

    private final String text;
    private final String root;
    private final List<String> steps;

    private EventPath(String text, String root, List<String> steps) {
        this.text = text;
        this.root = root;
        this.steps = List.copyOf(steps);
    }

    /** Parses {@code text}; a {@link PathError} carries the 0-based offset of the problem. */
    public static EventPath parse(String text) throws PathError {
        String t = text.trim();
        int lead = text.indexOf(t.isEmpty() ? text : t);
        if (t.isEmpty()) throw new PathError(0, "empty path");
        int pos = 0;
        int start = pos;
        while (pos < t.length() && Character.isJavaIdentifierPart(t.charAt(pos))) pos++;
        String root = t.substring(start, pos);
        if (root.isEmpty()) throw new PathError(lead, "expected a field name (" + String.join(", ", ROOTS) + ")");
        if (!ROOTS.contains(root)) {
            throw new PathError(lead, "unknown field '" + root + "'; an event has " + String.join(", ", ROOTS));
        }
        List<String> steps = new ArrayList<>();
        while (pos < t.length()) {
            char c = t.charAt(pos);
            if (c == '.') {
                int nameAt = ++pos;
                while (pos < t.length() && (Character.isJavaIdentifierPart(t.charAt(pos)) || t.charAt(pos) == '-')) pos++;
                if (nameAt == pos) throw new PathError(lead + nameAt, "expected a name after '.'");
                if (pos < t.length() && t.charAt(pos) == '(') {
                    throw new PathError(lead + pos, "method calls are not allowed; a path only reads fields");
                }
                steps.add(t.substring(nameAt, pos));
            } else if (c == '[') {
                int open = pos++;
                if (pos >= t.length() || (t.charAt(pos) != '\'' && t.charAt(pos) != '"')) {
                    throw new PathError(lead + pos, "expected a quoted key, e.g. data['http.route']");
                }
                char quote = t.charAt(pos++);
                int keyAt = pos;
                while (pos < t.length() && t.charAt(pos) != quote) pos++;
                if (pos >= t.length()) throw new PathError(lead + open, "unterminated quoted key");
                steps.add(t.substring(keyAt, pos++));
                if (pos >= t.length() || t.charAt(pos) != ']') throw new PathError(lead + pos, "expected ']'");
                pos++;
            } else {
                throw new PathError(lead + pos, "unexpected '" + c + "', expected '.' or '['");
            }
        }
        if (!steps.isEmpty() && !List.of("data", "failure", "entry", "reaction").contains(root)) {
            throw new PathError(lead, "'" + root + "' is a plain value and has no fields");
        }
        return new EventPath(t, root, steps);
    }

    /** The value, or null when absent. */
    public Object value(EventContext ctx) {
        Object v = ctx.root(root);
        for (String step : steps) {
            if (!(v instanceof Map<?, ?> m)) return null;
            v = m.get(step);
        }
        return v;
    }

    public String root() {
        return root;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A path that cannot be parsed; {@code offset} is 0-based into the text. */
    public static final class PathError extends Exception {
        private final int offset;

        public PathError(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
