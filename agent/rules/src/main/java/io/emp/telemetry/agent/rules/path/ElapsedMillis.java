package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Invocation;
import java.util.Date;
import java.util.function.Predicate;

/**
 * Milliseconds between two points in time read from the call, e.g. how long a job waited in its queue
 * ({@code claimedAt - queuedAt}). Job systems keep timestamps as epoch milliseconds (numbers, or numeric text as a
 * Redis hash returns them), {@link java.time.Instant}s or {@link Date}s; all three are understood. The end is now
 * when there is no {@code to} or it yields nothing (a job that does not record its claim time is claimed now).
 * Absent when the start is missing or not a time, or when the result is negative (clocks of two machines
 * disagreeing say nothing about the wait).
 */
public final class ElapsedMillis implements ValueSource {
    private final ValueSource from;
    private final ValueSource to;

    /** @param to null for "now" */
    public ElapsedMillis(ValueSource from, ValueSource to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public Object value(Invocation invocation) {
        Long start = epochMillis(from.value(invocation));
        if (start == null) {
            return null;
        }
        Long end = to == null ? null : epochMillis(to.value(invocation));
        if (end == null) {
            end = System.currentTimeMillis();
        }
        if (end < start) {
            return null;
        }
        return end - start;
    }

    /** Only JDK value types are converted; reading them runs no application code. */
    static Long epochMillis(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : Long.valueOf((long) d);
        }
        if (value instanceof String) {
            String text = ((String) value).trim();
            if (text.isEmpty() || text.length() > 19) {
                return null;
            }
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        if (value instanceof java.time.Instant) {
            try {
                return ((java.time.Instant) value).toEpochMilli();
            } catch (ArithmeticException outOfRange) {
                return null;
            }
        }
        if (value != null && value.getClass() == Date.class) { // a subclass could override getTime()
            return ((Date) value).getTime();
        }
        return null;
    }

    @Override
    public boolean reads(PathRoot root) {
        return from.reads(root) || (to != null && to.reads(root));
    }

    @Override
    public boolean readsName(Predicate<String> name) {
        return from.readsName(name) || (to != null && to.readsName(name));
    }

    @Override
    public String toString() {
        return "elapsedMs(" + from + " -> " + (to == null ? "now" : to) + ")";
    }
}
