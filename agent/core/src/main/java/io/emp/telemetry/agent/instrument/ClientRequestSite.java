package io.emp.telemetry.agent.instrument;

/** An outgoing {@code java.net.http} request (typed Object here so the core never links that module). */
public interface ClientRequestSite extends SiteHandler {
    Call enter(Class<?> origin, Object request);

    /** One outgoing request in progress. */
    interface Call extends SiteCall {
        /** The request to send instead of the caller's (one carrying {@code traceparent}), or {@code null}. */
        Object replacementRequest();
    }
}
