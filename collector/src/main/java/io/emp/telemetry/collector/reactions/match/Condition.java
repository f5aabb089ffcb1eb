package io.emp.telemetry.collector.reactions.match;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code where:} condition: {@code {path: data.model, equals: sdxl}} (text comparison, as the rules' {@code when};
 * a list means any of them), {@code notEquals}, {@code matches} (a regular expression found anywhere in the text)
 * or {@code exists: true|false}. A missing value equals nothing and matches nothing.
 */
public final class Condition {
    public enum Op { EQUALS, NOT_EQUALS, MATCHES, EXISTS }

    /** Values longer than this are not tested against a pattern (events cap values at 2048 characters anyway). */
    private static final int MAX_MATCHED_CHARS = 4096;

    private final EventPath path;
    private final Op op;
    private final Set<String> values;
    private final Pattern pattern;
    private final boolean exists;

    private Condition(EventPath path, Op op, Set<String> values, Pattern pattern, boolean exists) {
        this.path = path;
        this.op = op;
        this.values = values;
        this.pattern = pattern;
        this.exists = exists;
    }

    public static Condition equalsAny(EventPath path, List<String> values, boolean negated) {
        return new Condition(path, negated ? Op.NOT_EQUALS : Op.EQUALS, Set.copyOf(values), null, false);
    }

    public static Condition matches(EventPath path, Pattern pattern) {
        return new Condition(path, Op.MATCHES, Set.of(), pattern, false);
    }

    public static Condition exists(EventPath path, boolean exists) {
        return new Condition(path, Op.EXISTS, Set.of(), null, exists);
    }

    public boolean test(EventContext ctx) {
        Object v = path.value(ctx);
        switch (op) {
            case EXISTS: return (v != null) == exists;
            case EQUALS: return v != null && values.contains(String.valueOf(v));
            case NOT_EQUALS: return v == null || !values.contains(String.valueOf(v));
            default:
                if (v == null) return false;
                String s = String.valueOf(v);
                return s.length() <= MAX_MATCHED_CHARS && pattern.matcher(s).find();
        }
    }

    /** True when every condition holds (an empty list holds). */
    public static boolean all(List<Condition> conditions, EventContext ctx) {
        for (Condition c : conditions) if (!c.test(ctx)) return false;
        return true;
    }
}
