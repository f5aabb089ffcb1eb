package io.emp.telemetry.collector.inspect;

/**
 * How text output looks: ANSI colour, whether long values are cut to fit a line, whether stack traces are
 * printed. Colour is on with {@code --color=always}, or with {@code auto} when stdout is a terminal and
 * {@code NO_COLOR} is unset (https://no-color.org). Values are cut only for a terminal without {@code --full}:
 * piped output keeps every character, so grep and scripts see the whole text.
 */
public final class Style {
    public static final Style PLAIN = new Style(false, false, false);

    private final boolean color;
    private final boolean truncate;
    private final boolean stacks;

    private Style(boolean color, boolean truncate, boolean stacks) {
        this.color = color;
        this.truncate = truncate;
        this.stacks = stacks;
    }

    public static Style of(boolean color, boolean truncate, boolean stacks) {
        return new Style(color, truncate, stacks);
    }

    /** The defaults for stdout: colour and cut values on a terminal, plain and whole otherwise. */
    public static Style forStdout() {
        boolean terminal = stdoutIsTerminal();
        return new Style(terminal && System.getenv("NO_COLOR") == null, terminal, false);
    }

    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    /** {@code max} when values are cut, else no limit. */
    public int limit(int max) {
        return truncate ? max : Integer.MAX_VALUE;
    }

    /** Whether error rows are followed by the stack trace ({@code --full}). */
    public boolean stacks() {
        return stacks;
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
        return color && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
