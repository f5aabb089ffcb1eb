package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Which types to transform, and which advice goes on which of their methods. */
public interface TypeInstrumentation {
    ElementMatcher<TypeDescription> typeMatcher();

    void transform(TypeTransformer transformer);

    /** The common case: one advice on the matching methods of the matching types. */
    static TypeInstrumentation of(ElementMatcher<TypeDescription> types,
                                  ElementMatcher<? super MethodDescription> methods, Advice advice) {
        return new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return types;
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
                return types;
            }

            @Override
            public void transform(TypeTransformer transformer) {
                transformer.applyAdvice(methods, advice);
            }
        };
    }
}
