package io.emp.telemetry.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

import java.util.List;

/**
 * One switchable instrumentation ({@code instrumentation.<name>.enabled}): a few
 * {@link TypeInstrumentation}s, each a type matcher plus method matchers mapped to small advice
 * classes. Adding an instrumentation = one subclass of this in its own package
 * ({@code instrument.<name>}), its advice classes, and a line in {@link Instrumentations}.
 */
public abstract class InstrumentationModule {
    private final String name;
    private final boolean enabledByDefault;

    protected InstrumentationModule(String name, boolean enabledByDefault) {
        this.name = name;
        this.enabledByDefault = enabledByDefault;
    }

    /** Configuration name: {@code EMP_INSTRUMENTATION_<NAME>_ENABLED}. */
    public final String name() {
        return name;
    }

    public final boolean enabledByDefault() {
        return enabledByDefault;
    }

    /**
     * A cheap pre-filter: class loaders that can possibly hold matching types (for example, those
     * that can see the library being instrumented; see {@link ClassLoaders#canSee}). Any by default.
     */
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ElementMatchers.any();
    }

    /**
     * JDK types ({@code java.*}, {@code javax.*}, {@code jdk.*}, {@code sun.*}, {@code com.sun.*})
     * this module needs; the agent ignores all others. None by default.
     */
    public ElementMatcher<TypeDescription> jdkTypes() {
        return ElementMatchers.none();
    }

    /** Whether {@link #jdkTypes()} matches anything (JDK classes are loaded before the agent: they need retransformation). */
    public boolean instrumentsJdkTypes() {
        return false;
    }

    /** Called once at start, after {@link CallSites} and the runtime exist. */
    public abstract List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime);
}
