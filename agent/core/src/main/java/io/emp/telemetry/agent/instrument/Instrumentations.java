package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.instrument.annotations.AnnotationsModule;
import io.emp.telemetry.agent.instrument.facade.FacadeModule;
import io.emp.telemetry.agent.instrument.rules.RulesModule;
import io.emp.telemetry.agent.rules.InstrumentationRule;

import java.util.Arrays;
import java.util.List;

/** Every built-in instrumentation, in the order they are applied. A new one is added here. */
public final class Instrumentations {
    public static final String FACADE = "facade";

    private Instrumentations() {
    }

    public static List<InstrumentationModule> all(List<InstrumentationRule> rules) {
        return Arrays.asList(
                new FacadeModule(),
                new AnnotationsModule(),
                new RulesModule(rules));
    }
}
