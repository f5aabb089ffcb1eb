package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Invocation;
import java.util.List;
import java.util.Optional;

/** A parsed path such as {@code args[0].payload['model']}: a root followed by property, index and key steps. */
public final class AttributePath implements ValueSource {
    private final String text;
    private final PathRoot root;
    private final int argIndex;
    private final Step[] steps;

    AttributePath(String text, PathRoot root, int argIndex, List<Step> steps) {
        this.text = text;
        this.root = root;
        this.argIndex = argIndex;
        this.steps = steps.toArray(new Step[0]);
    }

    public PathRoot root() {
        return root;
    }

    /** The argument index for {@code args[i]} paths, else -1. */
    public int argIndex() {
        return argIndex;
    }

    @Override
    public boolean readsName(java.util.function.Predicate<String> name) {
        for (Step step : steps) {
            String stepName = step instanceof PropertyStep ? ((PropertyStep) step).name()
                    : step instanceof KeyStep ? ((KeyStep) step).name() : null;
            if (stepName != null && name.test(stepName)) {
                return true;
            }
        }
        return false;
    }

    /** Number of steps after the root. */
    public int length() {
        return steps.length;
    }

    @Override
    public boolean reads(PathRoot r) {
        return root == r;
    }

    @Override
    public Object value(Invocation invocation) {
        try {
            Object current = unwrap(rootValue(invocation));
            for (int i = 0; i < steps.length && current != null; i++) {
                current = unwrap(steps[i].apply(current));
            }
            return current;
        } catch (Throwable failedStep) {
            // A getter that throws, a concurrent modification, anything: the attribute is simply absent.
            return null;
        }
    }

    private Object rootValue(Invocation invocation) {
        if (invocation == null) {
            return null;
        }
        switch (root) {
            case THIS:
                return invocation.self();
            case RETURN:
                return invocation.returned();
            case EXCEPTION:
                return invocation.thrown();
            default:
                Object[] args = invocation.args();
                return args != null && argIndex < args.length ? args[argIndex] : null;
        }
    }

    private static Object unwrap(Object value) {
        if (value instanceof Optional) {
            return ((Optional<?>) value).orElse(null);
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One step after the root. */
    interface Step {
        Object apply(Object receiver) throws Throwable;
    }
}
