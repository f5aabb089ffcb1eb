package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.config.InstrumentationTuning;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.none;

/** Turns the enabled {@link InstrumentationModule}s into one ByteBuddy {@link AgentBuilder} and installs it. */
public final class Instrumenter {
    private static final Map<Class<?>, Advice> ADVICE = new ConcurrentHashMap<>();

    private final Instrumentation inst;
    /** Everything that does not depend on the modules: built while the rule files are still being read. */
    private final AgentBuilder base;
    private final long prepareNanos;

    private Instrumenter(Instrumentation inst, AgentBuilder base, long prepareNanos) {
        this.inst = inst;
        this.base = base;
        this.prepareNanos = prepareNanos;
    }

    /** The part of the set-up that needs no module: ByteBuddy's agent builder and its strategies. */
    public static Instrumenter prepare(Instrumentation inst) {
        return prepare(inst, InstrumentationTuning.DEFAULT_TYPE_CACHE_SIZE);
    }

    /** @param typeCacheSize parsed class descriptions kept between matches ({@code instrumentation.type_cache.size}) */
    public static Instrumenter prepare(Instrumentation inst, int typeCacheSize) {
        long t0 = System.nanoTime();
        AgentBuilder base = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                // advice only inlines code: no new members, so classes can also be retransformed
                .disableClassFormatChanges()
                // described lazily from the class file: a type only its name is asked of (most, thanks to name
                // matchers first) is never parsed; POOL_FIRST parses every class to see whether it can
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                // shared supertypes described once, not once per class that extends them (a small LRU)
                .with(new TypePoolCache(typeCacheSize))
                .with(new TransformFailures())
                // hierarchy matchers read the class being loaded from its bytes (SuperTypes)
                .with(ClassFileScope.DECORATOR)
                // advice in a named module (a JDK class, a modular application) must be able to read
                // the bridge's module (the bootstrap loader's unnamed module) to link against it
                .assureReadEdgeTo(inst, Bridge.class);
        return new Instrumenter(inst, base, System.nanoTime() - t0);
    }

    /**
     * @param attached true when the agent was attached to a running JVM ({@code agentmain}): the
     *                 application's classes are already loaded and must be retransformed
     */
    public static void install(Instrumentation inst, List<InstrumentationModule> modules, AgentRuntime runtime,
                               boolean attached) {
        prepare(inst).install(modules, runtime, attached);
    }

    /** Adds the modules' type instrumentations to the prepared builder and installs it (see the static form). */
    public void install(List<InstrumentationModule> modules, AgentRuntime runtime, boolean attached) {
        long t1 = System.nanoTime();
        ElementMatcher.Junction<TypeDescription> jdkAllowed = none();
        boolean retransform = attached;
        for (InstrumentationModule module : modules) {
            jdkAllowed = jdkAllowed.or(module.jdkTypes());
            retransform |= module.instrumentsJdkTypes();
        }
        AgentBuilder builder = base
                // Classes loaded before the agent (attached at run time, or JDK types a rule names)
                // must be retransformed. At premain nothing else is loaded yet, and scanning every
                // loaded class costs seconds of start-up, so it is only done when needed.
                .with(retransform ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION
                        : AgentBuilder.RedefinitionStrategy.DISABLED)
                .ignore(IgnoredTypes.matcher(jdkAllowed));
        int count = 0;
        StringBuilder perModule = new StringBuilder(); // ms per module, for the start-up debug line
        for (InstrumentationModule module : modules) {
            long m0 = System.nanoTime();
            List<TypeInstrumentation> types;
            try {
                types = module.typeInstrumentations(runtime);
            } catch (Throwable t) {
                Log.warn("instrument", "instrumentation '" + module.name() + "' failed to initialise, skipped", t);
                continue;
            }
            for (TypeInstrumentation type : types) {
                builder = builder.type(new ScopedTypeMatcher(module.classLoaderMatcher(), type.typeMatcher()))
                        .transform((b, td, loader, javaModule, pd) -> apply(type, b));
                count++;
            }
            perModule.append(' ').append(module.name()).append(' ').append((System.nanoTime() - m0) / 1_000_000);
        }
        long t2 = System.nanoTime();
        builder.installOn(inst);
        long t3 = System.nanoTime();
        Log.debug("instrument", count + " type instrumentation(s) installed; agent builder "
                + prepareNanos / 1_000_000 + " ms, type instrumentations " + (t2 - t1) / 1_000_000 + " ms, installOn "
                + (t3 - t2) / 1_000_000 + " ms; per module (ms):" + perModule);
    }

    private static DynamicType.Builder<?> apply(TypeInstrumentation type, DynamicType.Builder<?> builder) {
        AdviceApplier applier = new AdviceApplier(builder);
        type.transform(applier);
        return applier.builder;
    }

    private static final class AdviceApplier implements TypeTransformer {
        private DynamicType.Builder<?> builder;

        AdviceApplier(DynamicType.Builder<?> builder) {
            this.builder = builder;
        }

        @Override
        public void applyAdvice(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
            applyAdvice(methods, ADVICE.computeIfAbsent(adviceClass, AdviceClasses::to));
        }

        @Override
        public void applyAdvice(ElementMatcher<? super MethodDescription> methods, Advice advice) {
            builder = builder.visit(advice.on(TypeInstrumentation.WITH_CODE.and(methods)));
        }
    }
}
