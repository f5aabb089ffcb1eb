package io.emp.telemetry.agent.rules;

import io.emp.telemetry.agent.rules.path.ValueFormatter;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.Limits;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A validated rule: where it applies, what it emits in each phase, and how it extracts attributes and ids. */
public final class InstrumentationRule {
    private final String id;
    private final String source;
    private final String description;
    private final ElementMatcher<TypeDescription> typeMatcher;
    private final ElementMatcher<MethodDescription> methodMatcher;
    private final boolean namesJdkType;
    private final Map<Phase, PhaseSpec> phases;
    private final CorrelationSpec correlation;
    private final Sampler sampler;
    private final Redactor redactor;

    public InstrumentationRule(String id, String source, String description,
            ElementMatcher<TypeDescription> typeMatcher, ElementMatcher<MethodDescription> methodMatcher,
            boolean namesJdkType, Map<Phase, PhaseSpec> phases, CorrelationSpec correlation, Sampler sampler,
            Redactor redactor) {
        this.id = id;
        this.source = source;
        this.description = description;
        this.typeMatcher = typeMatcher;
        this.methodMatcher = methodMatcher;
        this.namesJdkType = namesJdkType;
        this.phases = Collections.unmodifiableMap(new EnumMap<>(phases));
        this.correlation = correlation == null ? CorrelationSpec.NONE : correlation;
        this.sampler = sampler == null ? Sampler.ALWAYS : sampler;
        this.redactor = redactor == null ? Redactor.defaults() : redactor;
    }

    /** Unique across all loaded files. */
    public String id() {
        return id;
    }

    /** {@code file:line} where the rule was declared. */
    public String source() {
        return source;
    }

    /** Free text from the rule, possibly null. */
    public String description() {
        return description;
    }

    public ElementMatcher<TypeDescription> typeMatcher() {
        return typeMatcher;
    }

    /** Only concrete methods (with bytecode) ever match. */
    public ElementMatcher<MethodDescription> methodMatcher() {
        return methodMatcher;
    }

    /** True only when the rule names a java.* / javax.* / jdk.* / sun.* / com.sun.* type explicitly. */
    public boolean namesJdkType() {
        return namesJdkType;
    }

    /** Null when the rule emits nothing in that phase. */
    public EventSpec event(Phase phase) {
        PhaseSpec spec = phases.get(phase);
        return spec == null ? null : spec.event();
    }

    /** The full phase description (event, attributes, condition), or null. */
    public PhaseSpec phase(Phase phase) {
        return phases.get(phase);
    }

    /**
     * Whether this invocation emits the phase's event: the rule has one and its {@code when} condition (if any) holds,
     * i.e. its value is neither null nor {@code false}. Never throws.
     */
    public boolean emits(Phase phase, Invocation invocation) {
        return emits(phases.get(phase), invocation);
    }

    /** As {@link #emits(Phase, Invocation)} for one event of a phase: the phase's own or a {@code then} follow-up. */
    public boolean emits(PhaseSpec spec, Invocation invocation) {
        if (spec == null) {
            return false;
        }
        if (spec.when() == null) {
            return true;
        }
        try {
            Object value = spec.when().value(invocation);
            return value != null && !Boolean.FALSE.equals(value);
        } catch (Throwable t) {
            return false;
        }
    }

    /** Sampling and rate-limit decision; lock-free. Called once per invocation, on entry. */
    public boolean sample() {
        return sampler.sample();
    }

    public Sampler sampler() {
        return sampler;
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * Attributes for this phase: evaluated paths and literals, formatted and size-capped, sensitive names redacted.
     * A failing path yields no attribute. Never throws; at most {@link Limits#MAX_ATTRIBUTES} entries.
     */
    public Map<String, Object> attributes(Phase phase, Invocation invocation) {
        return attributes(phases.get(phase), invocation);
    }

    /** As {@link #attributes(Phase, Invocation)} for one event of a phase: the phase's own or a {@code then} follow-up. */
    public Map<String, Object> attributes(PhaseSpec spec, Invocation invocation) {
        if (spec == null || spec.attributes().isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean truncated = false;
        for (AttributeSpec attribute : spec.attributes()) {
            if (out.size() >= Limits.MAX_ATTRIBUTES - 1) {
                truncated = true;
                break;
            }
            try {
                Object raw = attribute.source().value(invocation);
                if (raw == null) {
                    continue;
                }
                if (attribute.sensitive()) {
                    out.put(attribute.name(), Redactor.MASK);
                    continue;
                }
                Object value = ValueFormatter.format(raw, redactor);
                if (value != null) {
                    truncated |= ValueFormatter.isTruncated(value);
                    out.put(attribute.name(), value);
                }
            } catch (Throwable failed) {
                // no attribute, never an exception into the application
            }
        }
        if (truncated) {
            out.put(Attributes.TRUNCATED, Boolean.TRUE);
        }
        return out;
    }

    /** Correlation ids from the rule's correlation paths (paths on {@code return} yield only after completion). */
    public Correlation correlation(Invocation invocation) {
        try {
            return correlation.evaluate(invocation);
        } catch (Throwable t) {
            return Correlation.EMPTY;
        }
    }

    @Override
    public String toString() {
        return "rule '" + id + "' (" + source + ")";
    }
}
