package io.emp.telemetry.collector.inspect;

/**
 * ANSI colour for terminal output: on only when stdout is a terminal and {@code NO_COLOR} is unset
 * (https://no-color.org), so piped output and logs stay plain text.
 */
public final class Style {
    public static final Style PLAIN = new Style(false);

    private final boolean on;

    private Style(boolean on) {
        this.on = on;
    }

    public static Style forStdout() {
        return new Style(System.getenv("NO_COLOR") == null && stdoutIsTerminal());
    }

    private static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return on && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
