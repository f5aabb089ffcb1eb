package io.emp.telemetry.agent.rules;

import io.emp.telemetry.schema.Redaction;
import java.util.Collection;
import java.util.List;

/**
 * A rule's view of the one shared redaction list ({@link Redaction}, in event-schema): the shared list (defaults,
 * {@code EMP_REDACT_KEYS}) plus the names of the rule's own {@code redact:} key. Holds no list of its own.
 */
public final class Redactor {
    public static final String MASK = Redaction.MASK;
    public static final List<String> DEFAULT_NAMES = Redaction.DEFAULT_KEYS;

    private static final Redactor DEFAULTS = new Redactor(null);

    /** Null: just the shared list, read at each call (keys configured after loading still apply). */
    private final Redaction extended;

    private Redactor(Redaction extended) {
        this.extended = extended;
    }

    public static Redactor defaults() {
        return DEFAULTS;
    }

    /** The shared list plus {@code names}. */
    public static Redactor withExtraNames(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return DEFAULTS;
        }
        return new Redactor(Redaction.shared().withKeys(names));
    }

    public boolean isSensitive(String attributeName) {
        return (extended == null ? Redaction.shared() : extended).isSensitive(attributeName)
                || extended != null && Redaction.shared().isSensitive(attributeName);
    }

    /** {@value #MASK} when the name is sensitive (and the value not null), else the value unchanged. */
    public Object redact(String attributeName, Object value) {
        return value != null && isSensitive(attributeName) ? MASK : value;
    }
}
