package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.not;

/** Which types to transform, and which advice goes on which of their methods. */
public interface TypeInstrumentation {
    ElementMatcher<TypeDescription> typeMatcher();

    void transform(TypeTransformer transformer);

    /** Methods advice can go on: those with code. */
    ElementMatcher.Junction<MethodDescription> WITH_CODE = not(isAbstract()).and(not(isNative()));

    /**
     * {@code types} that declare at least one method {@code methods} accepts. A type without one
     * would be rewritten for nothing (ByteBuddy transforms every matched type, advice or not): the
     * built-in rules' name globs ({@code *Queue}, {@code *Worker}) alone matched some forty library
     * classes of the sample API server, each parsed and written again at start.
     */
    static ElementMatcher<TypeDescription> declaringAny(ElementMatcher<TypeDescription> types,
                                                        ElementMatcher<? super MethodDescription> methods) {
        return new ElementMatcher.Junction.Conjunction<TypeDescription>(types,
                declaresMethod(WITH_CODE.and(methods)));
    }

    /** The common case: one advice on the matching methods of the matching types. */
    static TypeInstrumentation of(ElementMatcher<TypeDescription> types,
                                  ElementMatcher<? super MethodDescription> methods, Advice advice) {
        return new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return declaringAny(types, methods);
            }

            @Override
            public void transform(TypeTransformer transformer) {
                transformer.applyAdvice(methods, advice);
            }
        };
    }

    /** The common case with advice built on first use ({@link CallSites#lazyAdvice(Class, int)}). */
    static TypeInstrumentation of(ElementMatcher<TypeDescription> types,
                                  ElementMatcher<? super MethodDescription> methods, LazyAdvice advice) {
        return new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return declaringAny(types, methods);
            }

            @Override
            public void transform(TypeTransformer transformer) {
                transformer.applyAdvice(methods, advice);
            }
        };
    }
}
