package io.emp.telemetry.agent.emit;

import java.util.Locale;

/**
 * Attribute values as events carry them: strings, numbers and booleans kept, anything else turned
 * into its string form now (on the calling thread, where it is safe to call the object's
 * {@code toString}); values of sensitive names replaced by {@value #REDACTED}.
 */
public final class AttributeValues {
    public static final String REDACTED = "[REDACTED]";
    /** Lower-case substrings that mark an attribute name as secret. */
    private static final String[] SENSITIVE = {
        "password", "passwd", "secret", "token", "authorization", "apikey", "api_key", "api-key", "cookie", "credential"
    };

    private AttributeValues() {
    }

    public static boolean isSensitive(String name) {
        if (name == null) return false;
        String n = name.toLowerCase(Locale.ROOT);
        for (String s : SENSITIVE) {
            if (n.contains(s)) return true;
        }
        return false;
    }

    public static Object normalize(String name, Object value) {
        if (isSensitive(name)) return REDACTED;
        if (value instanceof String || value instanceof Number || value instanceof Boolean) return value;
        try {
            return String.valueOf(value);
        } catch (Throwable t) {
            return "[unprintable " + value.getClass().getName() + "]";
        }
    }
}
