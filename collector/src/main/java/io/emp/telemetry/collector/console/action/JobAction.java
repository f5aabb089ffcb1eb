package io.emp.telemetry.collector.console.action;

/**
 * Something the console can do to a job (for now: retry a failed job). Implementations record what
 * they did as an event in the job's trace, so the action shows on the job's timeline like any
 * other step. {@link RedisFunctionRetry} is the one the console uses; the reactions engine's
 * Redis-function action can stand behind this interface instead once both are merged.
 */
public interface JobAction {
    /** Runs the action for {@code jobId} on behalf of {@code actor} (the authenticated user). */
    ActionResult run(String jobId, String actor);
}
