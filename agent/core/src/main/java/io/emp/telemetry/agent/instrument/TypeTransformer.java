package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Applies advice to the methods of a matched type. Advice is inlined into the application's
 * class, so an advice class may reference only JDK types and {@code io.emp.telemetry.bootstrap}.
 */
public interface TypeTransformer {
    /** Plain advice class. */
    void applyAdvice(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass);

    /** Advice with custom mappings, e.g. {@link CallSites#advice(Class, int)}. */
    void applyAdvice(ElementMatcher<? super MethodDescription> methods, Advice advice);

    /** Advice built on first use, e.g. {@link CallSites#lazyAdvice(Class, int)}: what modules should use. */
    default void applyAdvice(ElementMatcher<? super MethodDescription> methods, LazyAdvice advice) {
        applyAdvice(methods, advice.get());
    }
}
