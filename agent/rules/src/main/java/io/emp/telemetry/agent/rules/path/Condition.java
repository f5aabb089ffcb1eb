package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Invocation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code when: {path: return.status, equals: FAILED}}: true when the value, as text, is (or with {@code notEquals}
 * is not) one of the listed values. A missing value equals nothing.
 */
public final class Condition implements ValueSource {
    private final ValueSource source;
    private final Set<String> values;
    private final boolean negated;

    public Condition(ValueSource source, List<String> values, boolean negated) {
        this.source = source;
        this.values = new HashSet<>(values);
        this.negated = negated;
    }

    @Override
    public Object value(Invocation invocation) {
        Object value = source.value(invocation);
        // Only value types compare (enums by name): an application object's toString() is never called.
        Object scalar = ValueFormatter.scalar(value);
        boolean listed = scalar != null && values.contains(String.valueOf(scalar));
        return listed != negated;
    }

    @Override
    public boolean readsName(java.util.function.Predicate<String> name) {
        return source.readsName(name);
    }

    @Override
    public boolean reads(PathRoot root) {
        return source.reads(root);
    }
}
