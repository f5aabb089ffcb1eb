package io.emp.telemetry.collector.reactions.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a failure is, as reactions see it ({@code failure.*}): the plan's failure analysis.
 *
 * @param rule        id of the classify rule that matched ({@code default} when none did)
 * @param type        the error type ({@code errorType}, or {@code data.errorType})
 * @param message     the error message ({@code errorMessage}, or {@code data.error})
 * @param category    e.g. {@code upstream}, {@code timeout}, {@code validation}
 * @param recoverable whether trying again can help
 * @param retry       recoverable and attempts remain: a retry is recommended
 * @param delayMs     wait before the retry
 * @param attempt     the attempt that failed ({@code data.attempt}), 0 when unknown
 * @param maxAttempts attempts allowed in all
 */
public record Failure(String rule, String type, String message, String category, boolean recoverable, boolean retry,
                      long delayMs, int attempt, int maxAttempts) {

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        if (type != null) m.put("type", type);
        if (message != null) m.put("message", message);
        m.put("category", category);
        m.put("recoverable", recoverable);
        m.put("retry", retry);
        m.put("delayMs", delayMs);
        m.put("delaySeconds", delayMs / 1000);
        m.put("attempt", attempt);
        m.put("maxAttempts", maxAttempts);
        return m;
    }
}
