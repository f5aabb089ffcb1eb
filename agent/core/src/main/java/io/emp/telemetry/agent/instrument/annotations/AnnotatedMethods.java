package io.emp.telemetry.agent.instrument.annotations;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.HashSet;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Finds the declaration of a method that carries {@code @TelemetryEvent}: the method itself, or
 * the method it overrides or implements in any superclass or (indirect) interface. Supertypes are
 * walked in their generic form, so {@code process(Job)} is found to implement
 * {@code Processor<Job>.process(T)}. The api annotations are matched by name: the agent does not
 * ship the api, the application does.
 */
final class AnnotatedMethods {
    static final String TELEMETRY_EVENT = "io.emp.telemetry.api.TelemetryEvent";
    static final String EVENT_ATTRIBUTE = "io.emp.telemetry.api.EventAttribute";
    static final String JOB_ID = "io.emp.telemetry.api.JobId";
    private static final int MAX_SUPERTYPES = 64;

    private AnnotatedMethods() {
    }

    /** Methods with code whose own or an overridden declaration is annotated. */
    static ElementMatcher<MethodDescription> annotatedOrOverridingAnnotated() {
        return method -> !method.isBridge() && !method.isAbstract() && annotatedDeclaration(method) != null;
    }

    /** The annotated declaration of {@code method} (possibly itself), or {@code null}. */
    static MethodDescription annotatedDeclaration(MethodDescription method) {
        if (telemetryEvent(method) != null) return method;
        if (method.isConstructor() || method.isStatic() || method.isPrivate()) return null;
        MethodDescription.SignatureToken token = method.asSignatureToken();
        Set<String> seen = new HashSet<>();
        return search(method.getDeclaringType(), method, token, seen);
    }

    private static MethodDescription search(TypeDefinition type, MethodDescription method,
                                            MethodDescription.SignatureToken token, Set<String> seen) {
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass != null) {
            MethodDescription found = inType(superClass, method, token, seen);
            if (found != null) return found;
        }
        for (TypeDescription.Generic iface : type.getInterfaces()) {
            MethodDescription found = inType(iface, method, token, seen);
            if (found != null) return found;
        }
        return null;
    }

    private static MethodDescription inType(TypeDescription.Generic type, MethodDescription method,
                                            MethodDescription.SignatureToken token, Set<String> seen) {
        String name = type.asErasure().getName();
        if (name.equals("java.lang.Object") || seen.size() >= MAX_SUPERTYPES || !seen.add(name)) return null;
        MethodList<?> candidates = type.getDeclaredMethods()
                .filter(named(method.getName()).and(takesArguments(method.getParameters().size())).and(not(isBridge())));
        for (MethodDescription candidate : candidates) {
            if (candidate.asSignatureToken().equals(token) && telemetryEvent(candidate) != null) return candidate;
        }
        return search(type, method, token, seen);
    }

    static AnnotationDescription telemetryEvent(MethodDescription method) {
        return annotation(method.getDeclaredAnnotations(), TELEMETRY_EVENT);
    }

    static AnnotationDescription annotation(Iterable<AnnotationDescription> annotations, String typeName) {
        for (AnnotationDescription a : annotations) {
            if (a.getAnnotationType().getName().equals(typeName)) return a;
        }
        return null;
    }
}
