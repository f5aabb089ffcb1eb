package io.emp.telemetry.agent.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Masks attributes whose names look secret. A name is sensitive when, lower-cased and with {@code _ - .} removed, it
 * contains one of the deny-listed words; so {@code apiKey}, {@code api_key}, {@code X-Api-Key} and {@code authToken}
 * are all caught by the defaults.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";
    public static final List<String> DEFAULT_NAMES = Collections.unmodifiableList(
            Arrays.asList("password", "secret", "token", "authorization", "apiKey", "api_key", "cookie"));

    private static final Redactor DEFAULTS = new Redactor(DEFAULT_NAMES);

    private final String[] normalizedNames;

    private Redactor(Collection<String> names) {
        List<String> normalized = new ArrayList<>();
        for (String name : names) {
            String n = normalize(name);
            if (!n.isEmpty() && !normalized.contains(n)) {
                normalized.add(n);
            }
        }
        this.normalizedNames = normalized.toArray(new String[0]);
    }

    public static Redactor defaults() {
        return DEFAULTS;
    }

    /** The default deny list plus {@code names}. */
    public static Redactor withExtraNames(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return DEFAULTS;
        }
        List<String> all = new ArrayList<>(DEFAULT_NAMES);
        all.addAll(names);
        return new Redactor(all);
    }

    public boolean isSensitive(String attributeName) {
        if (attributeName == null) {
            return false;
        }
        String n = normalize(attributeName);
        for (String denied : normalizedNames) {
            if (n.contains(denied)) {
                return true;
            }
        }
        return false;
    }

    /** {@value #MASK} when the name is sensitive (and the value not null), else the value unchanged. */
    public Object redact(String attributeName, Object value) {
        return value != null && isSensitive(attributeName) ? MASK : value;
    }

    private static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
