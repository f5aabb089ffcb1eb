package io.emp.telemetry.agent.rules.match;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * Wraps a matcher so that a type whose hierarchy cannot be resolved (a missing optional dependency, say) simply does
 * not match instead of failing the transformation of that class.
 */
final class Safe<T> extends ElementMatcher.Junction.AbstractBase<T> {
    private final ElementMatcher<? super T> delegate;
    private final String description;

    Safe(ElementMatcher<? super T> delegate, String description) {
        this.delegate = delegate;
        this.description = description;
    }

    @Override
    public boolean matches(T target) {
        try {
            return delegate.matches(target);
        } catch (Throwable unresolvable) {
            return false;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
