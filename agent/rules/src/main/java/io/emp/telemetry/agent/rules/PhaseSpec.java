package io.emp.telemetry.agent.rules;

import io.emp.telemetry.agent.rules.path.ValueSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a rule does in one phase: the event, its attributes (rule-wide ones first), an optional condition, and
 * optionally a follow-up ({@code then:}) emitted right after it in the same span, under its own condition.
 */
public final class PhaseSpec {
    private final EventSpec event;
    private final List<AttributeSpec> attributes;
    private final ValueSource when;
    private final PhaseSpec then;

    public PhaseSpec(EventSpec event, List<AttributeSpec> attributes, ValueSource when) {
        this(event, attributes, when, null);
    }

    public PhaseSpec(EventSpec event, List<AttributeSpec> attributes, ValueSource when, PhaseSpec then) {
        this.event = event;
        this.attributes = Collections.unmodifiableList(new ArrayList<>(attributes));
        this.when = when;
        this.then = then;
    }

    /** The event written after this one in the same phase, or null. */
    public PhaseSpec then() {
        return then;
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
