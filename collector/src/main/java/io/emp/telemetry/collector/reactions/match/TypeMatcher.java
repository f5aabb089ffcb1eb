package io.emp.telemetry.collector.reactions.match;

import io.emp.telemetry.agent.rules.match.NameMatcher;
import io.emp.telemetry.agent.rules.match.Glob;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code on:} event types, exact or globs ({@code job.*}, {@code *_failed}) as in the rules' {@code type.glob}.
 * The engine's own {@code reaction.*} events only match when named without a wildcard, so {@code on: "*"} cannot
 * make a reaction react to its own bookkeeping.
 */
public final class TypeMatcher {
    private final List<NameMatcher> patterns;
    private final List<String> exact;

    public TypeMatcher(List<String> types) {
        this.exact = types.stream().filter(t -> !Glob.isGlob(t)).toList();
        this.patterns = types.stream().filter(Glob::isGlob).map(t -> (NameMatcher) Glob.of(t)).toList();
    }

    public boolean matches(String eventType) {
        if (exact.contains(eventType)) return true;
        if (eventType.startsWith("reaction.")) return false;
        for (NameMatcher p : patterns) if (p.matches(eventType)) return true;
        return false;
    }
}
