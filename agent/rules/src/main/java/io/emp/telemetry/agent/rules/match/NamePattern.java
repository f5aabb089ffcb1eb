package io.emp.telemetry.agent.rules.match;

import java.util.regex.Pattern;
import net.bytebuddy.description.NamedElement;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Full-match of a precompiled pattern against a name (ByteBuddy's own nameMatches recompiles on every call). */
final class NamePattern<T extends NamedElement> extends ElementMatcher.Junction.AbstractBase<T> {
    private final Pattern pattern;
    private final boolean alsoSimpleName;

    NamePattern(Pattern pattern, boolean alsoSimpleName) {
        this.pattern = pattern;
        this.alsoSimpleName = alsoSimpleName;
    }

    @Override
    public boolean matches(T target) {
        String name = target instanceof TypeDescription ? ((TypeDescription) target).getName() : target.getActualName();
        if (pattern.matcher(name).matches()) {
            return true;
        }
        return alsoSimpleName && target instanceof TypeDescription
                && pattern.matcher(((TypeDescription) target).getSimpleName()).matches();
    }

    @Override
    public String toString() {
        return "matches(" + pattern + ")";
    }
}
