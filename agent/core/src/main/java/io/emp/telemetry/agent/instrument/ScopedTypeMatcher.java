package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.rules.match.SuperTypes;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.security.ProtectionDomain;

/**
 * A type instrumentation's matcher as ByteBuddy calls it: the class loader pre-filter first (cheap,
 * cached per loader), then the type matcher with the loader made known to {@link SuperTypes}, so
 * the hierarchies it walks are remembered under the right loader.
 */
final class ScopedTypeMatcher implements AgentBuilder.RawMatcher {
    private final ElementMatcher<? super ClassLoader> loaders;
    private final ElementMatcher<? super TypeDescription> types;

    ScopedTypeMatcher(ElementMatcher<? super ClassLoader> loaders, ElementMatcher<? super TypeDescription> types) {
        this.loaders = loaders;
        this.types = types;
    }

    @Override
    public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> classBeingRedefined,
                           ProtectionDomain protectionDomain) {
        if (!loaders.matches(loader)) return false;
        Object previous = SuperTypes.matchingIn(loader);
        try {
            return types.matches(type);
        } finally {
            SuperTypes.leave(previous);
        }
    }

    @Override
    public String toString() {
        return types + " in " + loaders;
    }
}
