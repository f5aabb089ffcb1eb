package io.emp.telemetry.agent.rules.yaml;

/** A YAML document that cannot be read at all; the whole file is reported once. */
public final class YamlSyntaxError extends Exception {
    private final int line;
    private final int column;

    public YamlSyntaxError(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
