package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.Redaction;

/**
 * Attribute values as events carry them: strings, numbers and booleans kept, anything else turned
 * into its string form now (on the calling thread, where it is safe to call the object's
 * {@code toString}). Secrets are masked by the one shared list ({@link Redaction}): the value of a
 * sensitive name, sensitive keys inside nested maps and lists, and credentials in URLs.
 */
public final class AttributeValues {
    public static final String REDACTED = Redaction.MASK;

    private AttributeValues() {
    }

    public static boolean isSensitive(String name) {
        return Redaction.shared().isSensitive(name);
    }

    public static Object normalize(String name, Object value) {
        Redaction redaction = Redaction.shared();
        if (value == null) return null;
        if (redaction.isSensitive(name)) return REDACTED;
        if (value instanceof String) return Redaction.urls((String) value);
        if (value instanceof Number || value instanceof Boolean) return value;
        try {
            return String.valueOf(redaction.nested(value));
        } catch (Throwable t) {
            return "[unprintable " + value.getClass().getName() + "]";
        }
    }
}
