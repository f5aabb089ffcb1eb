package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Invocation;

/** A constant attribute value written in the rule. */
public final class Literal implements ValueSource {
    private final Object value;

    public Literal(Object value) {
        this.value = value;
    }

    @Override
    public Object value(Invocation invocation) {
        return value;
    }

    @Override
    public boolean reads(PathRoot root) {
        return false;
    }

    @Override
    public String toString() {
        return "'" + value + "'";
    }
}
