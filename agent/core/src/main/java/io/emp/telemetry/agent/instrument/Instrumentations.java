package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.instrument.annotations.AnnotationsModule;
import io.emp.telemetry.agent.instrument.facade.FacadeModule;
import io.emp.telemetry.agent.instrument.lifecycle.ListeningSocketModule;
import io.emp.telemetry.agent.instrument.rules.RulesModule;
import io.emp.telemetry.agent.lifecycle.ServiceLifecycle;
import io.emp.telemetry.agent.rules.InstrumentationRule;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every instrumentation in the agent jar, in the order they are applied: the four the core defines,
 * then every module registered in {@code META-INF/services/io.emp.telemetry.agent.instrument.InstrumentationModule}
 * (a public class with a public no-argument constructor), so an instrumentation built in another
 * module only needs that registration to be picked up when it is packaged into the agent.
 */
public final class Instrumentations {
    public static final String FACADE = "facade";

    private Instrumentations() {
    }

    public static List<InstrumentationModule> all(List<InstrumentationRule> rules, ServiceLifecycle lifecycle) {
        List<InstrumentationModule> out = new ArrayList<>();
        out.add(new FacadeModule());
        out.add(new AnnotationsModule());
        out.add(new RulesModule(rules));
        out.add(new ListeningSocketModule(lifecycle));
        out.addAll(registered(Instrumentations.class.getClassLoader()));
        return out;
    }

    /** Modules registered as services in {@code loader}; a module that cannot be created is logged and skipped. */
    static List<InstrumentationModule> registered(ClassLoader loader) {
        List<InstrumentationModule> out = new ArrayList<>();
        Iterator<InstrumentationModule> it = ServiceLoader.load(InstrumentationModule.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                out.add(it.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                Log.warn("instrument", "an instrumentation could not be loaded, skipped", e);
            }
        }
        return out;
    }
}
