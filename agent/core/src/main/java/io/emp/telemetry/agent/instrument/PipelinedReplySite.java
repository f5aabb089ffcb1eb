package io.emp.telemetry.agent.instrument;

/**
 * The reply of one command a client queued (a pipeline, a MULTI/EXEC transaction) instead of sending it and
 * waiting: the instrumented call returned a handle ({@code response}) and its reply arrives later, when the
 * application syncs the pipeline or executes the transaction. Matches {@code Bridge.pipelinedReply}.
 */
public interface PipelinedReplySite extends SiteHandler {
    /**
     * @param response the client's handle for the queued command (compared by identity; never read)
     * @param reply    the raw reply; an exception object for an error reply
     */
    void replied(Object response, Object reply);
}
