package io.emp.telemetry.collector.reactions.template;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.match.EventPath;

import java.util.ArrayList;
import java.util.List;

/**
 * Text with placeholders: {@code job:{jobId}}, {@code {data.model|unknown}} (a default after {@code |}),
 * {@code {{} and {@code }}} for literal braces. A placeholder without a value and without a default makes
 * {@link #render} throw {@link MissingValue}: the action is skipped rather than written to a wrong key.
 */
public final class Template {
    private final String source;
    private final List<Object> parts; // String literal or Placeholder

    private record Placeholder(EventPath path, String fallback) {
    }

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static Template literal(String text) {
        return new Template(text, List.of(text));
    }

    /** Parses a template; a {@link EventPath.PathError} carries the 0-based offset inside {@code text}. */
    public static Template parse(String text) throws EventPath.PathError {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                lit.append('}');
                i += 2;
            } else if (c == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) throw new EventPath.PathError(i, "unclosed '{' (write {{ for a literal brace)");
                String inner = text.substring(i + 1, close);
                int bar = inner.indexOf('|');
                String path = bar < 0 ? inner : inner.substring(0, bar);
                try {
                    EventPath p = EventPath.parse(path);
                    if (lit.length() > 0) {
                        parts.add(lit.toString());
                        lit.setLength(0);
                    }
                    parts.add(new Placeholder(p, bar < 0 ? null : inner.substring(bar + 1)));
                } catch (EventPath.PathError e) {
                    throw new EventPath.PathError(i + 1 + e.offset(), e.getMessage());
                }
                i = close + 1;
            } else if (c == '}') {
                throw new EventPath.PathError(i, "unmatched '}' (write }} for a literal brace)");
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0 || parts.isEmpty()) parts.add(lit.toString());
        return new Template(text, List.copyOf(parts));
    }

    /** The text with every placeholder filled in. */
    public String render(EventContext ctx) throws MissingValue {
        if (parts.size() == 1 && parts.get(0) instanceof String s) return s;
        StringBuilder sb = new StringBuilder(source.length() + 32);
        for (Object part : parts) {
            if (part instanceof String s) sb.append(s);
            else sb.append(text(valueOf((Placeholder) part, ctx)));
        }
        return sb.toString();
    }

    /** For a template that is one placeholder alone, the value with its type (number, boolean); else the text. */
    public Object renderValue(EventContext ctx) throws MissingValue {
        if (parts.size() == 1 && parts.get(0) instanceof Placeholder p) return valueOf(p, ctx);
        return render(ctx);
    }

    private static Object valueOf(Placeholder p, EventContext ctx) throws MissingValue {
        Object v = p.path().value(ctx);
        if (v == null || (v instanceof String s && s.isEmpty())) {
            if (p.fallback() != null) return p.fallback();
            throw new MissingValue(p.path().toString());
        }
        return v;
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString(d.longValue());
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return source;
    }

    /** A placeholder had no value in this event. */
    public static final class MissingValue extends Exception {
        public MissingValue(String path) {
            super("no value for {" + path + "}", null, false, false);
        }
    }
}
