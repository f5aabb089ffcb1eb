package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Invocation;
import java.util.List;

/** Several sources for one value; the first that yields a non-null value wins (conventions differ across apps). */
public final class Alternatives implements ValueSource {
    private final ValueSource[] sources;

    public Alternatives(List<ValueSource> sources) {
        this.sources = sources.toArray(new ValueSource[0]);
    }

    public static ValueSource of(List<ValueSource> sources) {
        return sources.size() == 1 ? sources.get(0) : new Alternatives(sources);
    }

    @Override
    public Object value(Invocation invocation) {
        for (ValueSource source : sources) {
            Object value = source.value(invocation);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public boolean readsName(java.util.function.Predicate<String> name) {
        for (ValueSource source : sources) {
            if (source.readsName(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean reads(PathRoot root) {
        for (ValueSource source : sources) {
            if (source.reads(root)) {
                return true;
            }
        }
        return false;
    }
}
