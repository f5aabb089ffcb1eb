package io.emp.telemetry.schema;

/** A stream entry that is not a valid event of this schema; the reason names the field. */
public final class MalformedEventException extends Exception {
    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
