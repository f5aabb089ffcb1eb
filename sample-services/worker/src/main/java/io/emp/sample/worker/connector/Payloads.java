package io.emp.sample.worker.connector;

import java.util.Map;

/** Typed reads of optional payload fields, with a clear message for a wrong type. */
final class Payloads {
    private Payloads() {
    }

    static long longValue(Map<String, Object> payload, String field, long fallback) {
        Object value = payload.get(field);
        if (value == null) return fallback;
        if (value instanceof Number number) return number.longValue();
        throw new IllegalArgumentException("payload." + field + " must be a number, got " + value);
    }

    static double doubleValue(Map<String, Object> payload, String field, double fallback) {
        Object value = payload.get(field);
        if (value == null) return fallback;
        if (value instanceof Number number) return number.doubleValue();
        throw new IllegalArgumentException("payload." + field + " must be a number, got " + value);
    }

    static String text(Map<String, Object> payload, String field, String fallback) {
        Object value = payload.get(field);
        return value == null ? fallback : value.toString();
    }

    static boolean flag(Map<String, Object> payload, String field) {
        return Boolean.TRUE.equals(payload.get(field));
    }
}
