package io.emp.telemetry.agent.rules.match;

import net.bytebuddy.description.NamedElement;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Whole-name match of a glob or bounded regex against a type's or method's name (optionally the simple name too). */
final class NamePattern<T extends NamedElement> extends ElementMatcher.Junction.AbstractBase<T> {
    private final NameMatcher matcher;
    private final boolean alsoSimpleName;

    NamePattern(NameMatcher matcher, boolean alsoSimpleName) {
        this.matcher = matcher;
        this.alsoSimpleName = alsoSimpleName;
    }

    @Override
    public boolean matches(T target) {
        String name = target instanceof TypeDescription ? ((TypeDescription) target).getName() : target.getActualName();
        if (matcher.matches(name)) {
            return true;
        }
        return alsoSimpleName && target instanceof TypeDescription
                && matcher.matches(((TypeDescription) target).getSimpleName());
    }

    @Override
    public String toString() {
        return "matches(" + matcher + ")";
    }
}
