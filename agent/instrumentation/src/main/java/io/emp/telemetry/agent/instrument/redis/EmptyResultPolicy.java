package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.config.Settings;

import java.util.Locale;

/**
 * What happens to a function call that returned nothing (nil, an empty list or string), the
 * answer an idle worker's claim poll gets a few times a second. {@code instrumentation.redis.empty_results}
 * ({@code EMP_INSTRUMENTATION_REDIS_EMPTY_RESULTS}):
 * <ul>
 *   <li>{@code suppress} (default): such a call emits nothing; its {@code executing} event is
 *       held back until the reply is known (and then carries the entry time), so suppressing a
 *       call drops both of its events. Suppressed calls are counted and reported.</li>
 *   <li>{@code record}: every call emits {@code executing} on entry and {@code completed} on return.</li>
 * </ul>
 * Failures are always recorded.
 */
enum EmptyResultPolicy {
    SUPPRESS, RECORD;

    static final String KEY = "instrumentation.redis.empty_results";

    static EmptyResultPolicy from(Settings settings) {
        String value = settings.get(KEY);
        if (value == null) return SUPPRESS;
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Log.warn("redis", settings.describe(KEY) + "='" + value + "' is not one of suppress, record;"
                    + " using suppress");
            return SUPPRESS;
        }
    }
}
