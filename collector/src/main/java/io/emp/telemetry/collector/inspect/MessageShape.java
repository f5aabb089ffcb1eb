package io.emp.telemetry.collector.inspect;

import java.util.regex.Pattern;

/**
 * An error message with what varies between occurrences replaced by placeholders, so "attempt 1" and "attempt 2",
 * or two job ids, count as one message: UUIDs → {@code <uuid>}, hex ({@code 0x1f}, or 8+ hex digits with a digit,
 * such as trace ids) → {@code <hex>}, identifiers mixing letters and digits ({@code job-7f3a}, {@code worker_12})
 * → {@code <id>}, numbers → {@code <n>}.
 */
public final class MessageShape {
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}\\b");
    /** A word with a digit and a letter, or words joined by - or _ of which one has a digit. */
    private static final Pattern ID = Pattern.compile(
            "\\b(?=[\\w-]*\\d)(?=[\\w-]*[A-Za-z])[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\\b|\\b[A-Za-z]+(?:[-_][A-Za-z0-9]+)*[-_]\\d+\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:[.,]\\d+)?(?![\\w])");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private MessageShape() {
    }

    public static String of(String message) {
        if (message == null) return "";
        String s = SPACE.matcher(message).replaceAll(" ").trim();
        s = UUID.matcher(s).replaceAll("<uuid>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = ID.matcher(s).replaceAll("<id>");
        return NUMBER.matcher(s).replaceAll("<n>");
    }
}
