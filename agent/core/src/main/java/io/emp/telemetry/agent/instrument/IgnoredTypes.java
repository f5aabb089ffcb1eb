package io.emp.telemetry.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Types the agent never transforms: its own (including the shaded libraries and the bridge), and
 * JDK types unless an instrumentation (or a rule) explicitly names them.
 */
final class IgnoredTypes {
    private IgnoredTypes() {
    }

    static ElementMatcher.Junction<TypeDescription> matcher(ElementMatcher<? super TypeDescription> jdkAllowed) {
        ElementMatcher.Junction<TypeDescription> own = nameStartsWith("io.emp.telemetry.agent.")
                .or(nameStartsWith("io.emp.telemetry.bootstrap."))
                // another agent's internals (e.g. the OpenTelemetry javaagent) are not application code
                .or(nameStartsWith("io.opentelemetry.javaagent."));
        ElementMatcher.Junction<TypeDescription> jdk = nameStartsWith("java.")
                .or(nameStartsWith("javax."))
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun."));
        return own.or(jdk.and(not(jdkAllowed)));
    }
}
