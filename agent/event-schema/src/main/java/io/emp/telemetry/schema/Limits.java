package io.emp.telemetry.schema;

/** Size limits every encoder applies, so one event can never be large enough to hurt Redis or the collector. */
public final class Limits {
    /** Upper bound of one encoded entry (all field names and values), in bytes of UTF-8. */
    public static final int MAX_ENCODED_EVENT_BYTES = 16 * 1024;
    /** Upper bound of the number of attributes in {@code data}; further attributes are dropped and the event marked. */
    public static final int MAX_ATTRIBUTES = 64;
    /** Upper bound of one attribute value, in characters. */
    public static final int MAX_VALUE_CHARS = 2048;
    /** Upper bound of {@code errorMessage}. */
    public static final int MAX_ERROR_MESSAGE_CHARS = 2048;
    /** Upper bound of {@code errorStack}. */
    public static final int MAX_ERROR_STACK_CHARS = 8 * 1024;
    /** Appended to a value that was cut. */
    public static final String TRUNCATION_MARK = "…[truncated]";

    private Limits() {
    }
}
