package io.emp.telemetry.collector.reactions.classify;

import io.emp.telemetry.agent.rules.match.NameMatcher;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code classify:}: error type globs and/or a message pattern, mapped to a category, whether it is
 * recoverable, and the retry policy (delay, attempt limit).
 */
public record FailureRule(String id, List<NameMatcher> types, Pattern message, String category, boolean recoverable,
                          long delayMs, int maxAttempts) {

    boolean matches(String type, String text) {
        if (!types.isEmpty()) {
            if (type == null) return false;
            boolean any = false;
            for (NameMatcher p : types) any |= p.matches(type) || p.matches(simpleName(type));
            if (!any) return false;
        }
        return message == null || (text != null && message.matcher(text).find());
    }

    private static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
