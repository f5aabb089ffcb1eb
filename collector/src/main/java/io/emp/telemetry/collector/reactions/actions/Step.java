package io.emp.telemetry.collector.reactions.actions;

/** One action filled in for one event: ready to describe (dry run) or to run once. */
public interface Step {
    /** One line saying what running it would do. */
    String describe();

    /**
     * Runs the action unless {@code marker} (the idempotency key) says it already ran.
     *
     * @return true when it ran now, false when it had already been done
     * @throws Exception when it failed (the caller retries)
     */
    boolean run(ActionRuntime runtime, String marker) throws Exception;
}
