package io.emp.telemetry.agent.rules.match;

/** A name test that finishes in bounded time whatever the rule wrote: a {@link Glob} or a {@link BoundedRegex}. */
public interface NameMatcher {
    boolean matches(String name);
}
