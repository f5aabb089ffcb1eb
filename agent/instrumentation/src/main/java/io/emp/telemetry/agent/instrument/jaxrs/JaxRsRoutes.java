package io.emp.telemetry.agent.instrument.jaxrs;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.hasSignature;

/**
 * A resource method's route template from its JAX-RS annotations, read from class-file
 * descriptions at transformation time (nothing is loaded, nothing runs per request):
 * class {@code @Path} + method {@code @Path}, as the specification composes them. The annotations
 * count where the specification looks for them: on the method itself or, when it has none, on the
 * method it implements or overrides (an annotated resource interface); the class {@code @Path} on
 * the class, its superclasses or that interface. Regular expressions in templates are dropped
 * ({@code {id: \d+}} → {@code {id}}) so the route stays the template a person wrote.
 * <p>
 * Known limits: sub-resource locators (a {@code @Path} method without an HTTP method returning
 * another resource) are not composed: the sub-resource's method reports its own path only;
 * custom {@code @HttpMethod} designators are not recognised, only the standard seven.
 */
final class JaxRsRoutes {
    private static final String[] APIS = {"jakarta.ws.rs.", "javax.ws.rs."};
    private static final Set<String> DESIGNATORS = new HashSet<>();
    private static final Set<String> PATHS = new HashSet<>();

    static {
        for (String api : APIS) {
            for (String verb : Arrays.asList("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH")) {
                DESIGNATORS.add(api + verb);
            }
            PATHS.add(api + "Path");
        }
    }

    private JaxRsRoutes() {
    }

    /** Whether {@code type} itself declares a method with an HTTP method annotation. */
    static boolean declaresResourceMethod(TypeDescription type) {
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (isDesignated(method)) return true;
        }
        return false;
    }

    /** The route template of a resource method, or {@code null} when {@code method} is not one. */
    static String routeOf(MethodDescription method) {
        if (!method.isMethod() || method.isAbstract() || method.isStatic() || method.isBridge()
                || method.isSynthetic()) {
            return null;
        }
        MethodDescription declaration = annotatedDeclaration(method);
        if (declaration == null) return null;
        String classPath = classPath(method.getDeclaringType());
        if (classPath == null) classPath = pathOf(declaration.getDeclaringType().asErasure().getDeclaredAnnotations());
        return template(classPath, pathOf(declaration.getDeclaredAnnotations()));
    }

    /** The method itself if it carries an HTTP method annotation, else the one it implements that does. */
    private static MethodDescription annotatedDeclaration(MethodDescription method) {
        if (isDesignated(method)) return method;
        if (hasJaxRsAnnotation(method)) return null; // annotated here, differently: the specification stops here
        MethodDescription.SignatureToken signature = method.asSignatureToken();
        return inherited(method.getDeclaringType(), signature, new HashSet<>());
    }

    private static MethodDescription inherited(TypeDefinition type, MethodDescription.SignatureToken signature,
                                               Set<String> seen) {
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass != null) {
            MethodDescription found = declaredOrInherited(superClass, signature, seen);
            if (found != null) return found;
        }
        for (TypeDescription.Generic in : type.getInterfaces()) {
            MethodDescription found = declaredOrInherited(in, signature, seen);
            if (found != null) return found;
        }
        return null;
    }

    private static MethodDescription declaredOrInherited(TypeDescription.Generic type,
                                                         MethodDescription.SignatureToken signature, Set<String> seen) {
        TypeDescription erasure = type.asErasure();
        if (!seen.add(erasure.getName()) || erasure.getName().startsWith("java.")) return null;
        for (MethodDescription candidate : erasure.getDeclaredMethods().filter(hasSignature(signature))) {
            if (isDesignated(candidate)) return candidate;
        }
        return inherited(erasure, signature, seen);
    }

    /** The first class {@code @Path} up the class chain (the specification's resource class). */
    private static String classPath(TypeDefinition type) {
        for (TypeDefinition t = type; t != null && !t.asErasure().getName().startsWith("java.");
             t = t.getSuperClass()) {
            String path = pathOf(t.asErasure().getDeclaredAnnotations());
            if (path != null) return path;
        }
        return null;
    }

    private static boolean isDesignated(MethodDescription method) {
        for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
            if (DESIGNATORS.contains(annotation.getAnnotationType().getName())) return true;
        }
        return false;
    }

    private static boolean hasJaxRsAnnotation(MethodDescription method) {
        for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
            String name = annotation.getAnnotationType().getName();
            if (name.startsWith(APIS[0]) || name.startsWith(APIS[1])) return true;
        }
        return false;
    }

    private static String pathOf(AnnotationList annotations) {
        for (AnnotationDescription annotation : annotations) {
            if (!PATHS.contains(annotation.getAnnotationType().getName())) continue;
            AnnotationValue<?, ?> value = annotation.getValue("value");
            Object path = value == null ? null : value.resolve();
            return path instanceof String ? (String) path : null;
        }
        return null;
    }

    /** {@code owners/} + {@code /{id: \d+}} → {@code /owners/{id}}; none → {@code /}. */
    static String template(String classPath, String methodPath) {
        StringBuilder route = new StringBuilder();
        for (String part : new String[]{classPath, methodPath}) {
            if (part == null) continue;
            String trimmed = withoutRegex(part.trim());
            int from = 0;
            int to = trimmed.length();
            while (from < to && trimmed.charAt(from) == '/') from++;
            while (to > from && trimmed.charAt(to - 1) == '/') to--;
            if (from < to) route.append('/').append(trimmed, from, to);
        }
        return route.length() == 0 ? "/" : route.toString();
    }

    /** {@code {id: \d{3}}} → {@code {id}}: braces inside a regular expression are balanced. */
    static String withoutRegex(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int depth = 0;
        boolean inRegex = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    out.append(c);
                    inRegex = false;
                }
                continue;
            }
            if (c == '}' && depth > 0) {
                depth--;
                if (depth == 0) out.append(c);
                continue;
            }
            if (depth == 1 && c == ':') {
                inRegex = true;
                continue;
            }
            if (depth == 0 || (depth == 1 && !inRegex && !Character.isWhitespace(c))) out.append(c);
        }
        return out.toString();
    }
}
