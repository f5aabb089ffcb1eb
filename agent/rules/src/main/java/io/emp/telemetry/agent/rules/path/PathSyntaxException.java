package io.emp.telemetry.agent.rules.path;

/** A path that does not follow the grammar; {@link #offset()} is the 0-based position of the problem. */
public final class PathSyntaxException extends Exception {
    private final int offset;

    public PathSyntaxException(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
