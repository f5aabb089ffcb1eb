package io.emp.telemetry.agent.rules;

import io.emp.telemetry.agent.rules.path.ValueSource;

/** One named attribute of a rule and where its value comes from; sensitivity is decided once, at load time. */
public final class AttributeSpec {
    private final String name;
    private final ValueSource source;
    private final boolean sensitive;

    public AttributeSpec(String name, ValueSource source, boolean sensitive) {
        this.name = name;
        this.source = source;
        this.sensitive = sensitive;
    }

    public String name() {
        return name;
    }

    public ValueSource source() {
        return source;
    }

    public boolean sensitive() {
        return sensitive;
    }
}
