package io.emp.telemetry.agent.instrument.facade;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Binds every copy of the {@code io.emp.telemetry.api.Telemetry} facade, in any class loader, to
 * the agent, by instrumenting its single funnel {@code dispatch}. No reflection, no registry.
 */
public final class FacadeModule extends InstrumentationModule {
    static final String FACADE = "io.emp.telemetry.api.Telemetry";

    public FacadeModule() {
        super(io.emp.telemetry.agent.instrument.Instrumentations.FACADE, true);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        return Collections.singletonList(new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return named(FACADE);
            }

            @Override
            public void transform(TypeTransformer transformer) {
                transformer.applyAdvice(named("dispatch").and(isStatic()).and(takesArguments(5)), FacadeAdvice.class);
            }
        });
    }
}
