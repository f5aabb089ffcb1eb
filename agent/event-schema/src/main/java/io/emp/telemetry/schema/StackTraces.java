package io.emp.telemetry.schema;

/** Formats a stack trace into a bounded string without building the whole trace first. */
public final class StackTraces {

    public static String format(Throwable t, int maxChars) {
        StringBuilder sb = new StringBuilder(Math.min(maxChars, 1024));
        Throwable current = t;
        int depth = 0;
        while (current != null && depth < 8 && sb.length() < maxChars) {
            if (depth > 0) sb.append("Caused by: ");
            sb.append(current.getClass().getName());
            if (current.getMessage() != null) sb.append(": ").append(current.getMessage());
            sb.append('\n');
            for (StackTraceElement el : current.getStackTrace()) {
                if (sb.length() >= maxChars) break;
                sb.append("\tat ").append(el).append('\n');
            }
            Throwable cause = current.getCause();
            current = cause == current ? null : cause;
            depth++;
        }
        if (sb.length() > maxChars) {
            sb.setLength(Math.max(0, maxChars - Limits.TRUNCATION_MARK.length()));
            sb.append(Limits.TRUNCATION_MARK);
        }
        return sb.toString();
    }

    private StackTraces() {
    }
}
