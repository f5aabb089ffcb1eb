package io.emp.telemetry.agent.rules.match;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.List;
import java.util.regex.Pattern;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Builds a rule's method matcher. Only methods with a body qualify (no constructors, abstract, native, bridge or
 * synthetic methods): advice needs bytecode to wrap. Criteria combine with AND, values of one criterion with OR.
 */
public final class MethodMatcherBuilder {
    /** A last {@code paramTypes} entry meaning "and any further parameters". */
    public static final String ANY_FURTHER = "...";

    private ElementMatcher.Junction<MethodDescription> matcher = isMethod().and(not(isAbstract()))
            .and(not(isNative())).and(not(isBridge())).and(not(isSynthetic()));

    public MethodMatcherBuilder names(List<String> names) {
        ElementMatcher.Junction<MethodDescription> anyOf = none();
        for (String name : names) {
            anyOf = anyOf.or(named(name));
        }
        return and(anyOf);
    }

    public MethodMatcherBuilder globs(List<String> globs) {
        ElementMatcher.Junction<MethodDescription> anyOf = none();
        for (String glob : globs) {
            anyOf = anyOf.or(new NamePattern<MethodDescription>(Glob.of(glob), false));
        }
        return and(anyOf);
    }

    public MethodMatcherBuilder regexes(List<Pattern> patterns) {
        ElementMatcher.Junction<MethodDescription> anyOf = none();
        for (Pattern pattern : patterns) {
            anyOf = anyOf.or(new NamePattern<MethodDescription>(new BoundedRegex(pattern), false));
        }
        return and(anyOf);
    }

    public MethodMatcherBuilder parameterCount(int count) {
        return and(takesArguments(count));
    }

    /** Positional type names or globs ({@code *} any type); a final {@value #ANY_FURTHER} allows more parameters. */
    public MethodMatcherBuilder parameterTypes(List<String> types) {
        return and(new ParameterTypes(types));
    }

    public MethodMatcherBuilder annotatedWith(List<String> annotationNames) {
        ElementMatcher.Junction<MethodDescription> anyOf = none();
        for (String name : annotationNames) {
            anyOf = anyOf.or(isAnnotatedWith(named(name)));
        }
        return and(new Safe<MethodDescription>(anyOf, "annotatedWith" + annotationNames));
    }

    public ElementMatcher<MethodDescription> build() {
        return matcher;
    }

    private MethodMatcherBuilder and(ElementMatcher<? super MethodDescription> criterion) {
        matcher = matcher.and(criterion);
        return this;
    }
}
