package io.emp.telemetry.agent.instrument.annotations;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteAdvice;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.rules.Redactor;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * {@code @TelemetryEvent} methods of classes, including implementations of annotated interface
 * methods. Only class loaders that can see the api annotation are considered. Each distinct
 * annotation shape becomes one call site; its index is baked into the advice per method.
 */
public final class AnnotationsModule extends InstrumentationModule {
    public AnnotationsModule() {
        super("annotations", true);
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ClassLoaders.canSee(AnnotatedMethods.TELEMETRY_EVENT);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        Redactor redactor = Redactor.defaults();
        LazyAdvice advice = CallSites.lazyAdvicePerMethod(CallSiteAdvice.class, (type, method) -> {
            MethodDescription declaration = AnnotatedMethods.annotatedDeclaration(method);
            AnnotatedSpec spec = declaration == null ? null : AnnotatedSpec.of(method, declaration);
            if (spec == null) return null;
            return runtime.callSites().register(spec, new AnnotatedMethodHandler(spec, runtime, redactor));
        });
        return Collections.singletonList(new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return not(isInterface()).and(hasSuperType(
                        declaresMethod(isAnnotatedWith(named(AnnotatedMethods.TELEMETRY_EVENT)))));
            }

            @Override
            public void transform(io.emp.telemetry.agent.instrument.TypeTransformer transformer) {
                transformer.applyAdvice(AnnotatedMethods.annotatedOrOverridingAnnotated(), advice);
            }
        });
    }
}
