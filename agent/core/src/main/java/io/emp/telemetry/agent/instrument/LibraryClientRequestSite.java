package io.emp.telemetry.agent.instrument;

/**
 * An outgoing HTTP request of a client library the agent cannot link (Apache HttpClient 5): the
 * advice reads the values from the library's request and puts the {@code traceparent} on it.
 */
public interface LibraryClientRequestSite extends SiteHandler {
    /**
     * @param port   -1 when the URL has none
     * @param target path and query as the request has them (the query is never recorded)
     */
    Call enter(Class<?> origin, String method, String scheme, String host, int port, String target,
               boolean callerTraceparent);

    /** One outgoing request in progress. */
    interface Call {
        /** The header value the advice sets on the request, or {@code null} to leave it as it is. */
        String traceparent();

        /** The call returned a response with {@code status} (-1 when none) or threw {@code thrown}. */
        void end(int status, Throwable thrown);
    }
}
