package io.emp.telemetry.agent.rules;

/** One thing wrong with a rule file, located precisely enough for an editor to jump to it. */
public final class RuleProblem {
    private final String source;
    private final int line;
    private final int column;
    private final String message;

    public RuleProblem(String source, int line, int column, String message) {
        this.source = source;
        this.line = line;
        this.column = column;
        this.message = message;
    }

    public String source() {
        return source;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column. */
    public int column() {
        return column;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
