package io.emp.telemetry.agent.rules;

import io.emp.telemetry.agent.rules.path.ValueSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Everything a rule does in one phase: the event, its attributes (rule-wide ones first) and an optional condition. */
public final class PhaseSpec {
    private final EventSpec event;
    private final List<AttributeSpec> attributes;
    private final ValueSource when;

    public PhaseSpec(EventSpec event, List<AttributeSpec> attributes, ValueSource when) {
        this.event = event;
        this.attributes = Collections.unmodifiableList(new ArrayList<>(attributes));
        this.when = when;
    }

    public EventSpec event() {
        return event;
    }

    public List<AttributeSpec> attributes() {
        return attributes;
    }

    /** Null when the event is unconditional. */
    public ValueSource when() {
        return when;
    }
}
