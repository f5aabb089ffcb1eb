package io.emp.telemetry.collector.reactions.spi;

/** A custom action created by a {@link ReactionActionFactory}. Called from the engine's reaction threads. */
public interface ReactionAction {
    /**
     * Does the work for one event. The engine calls it at most once per (reaction, entry, action) once it
     * succeeded (it records {@link ActionContext#idempotencyKey()} in Redis after a normal return); an exception
     * is retried with back-off and, after the attempt limit, dead-lettered. A remote system that can deduplicate
     * should be given the idempotency key, which closes the window between the call and the record.
     */
    void execute(ActionContext context) throws Exception;

    /** One line describing what {@link #execute} would do, for {@code --dry-run}. */
    default String describe(ActionContext context) {
        return getClass().getSimpleName();
    }
}
