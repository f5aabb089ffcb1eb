package io.emp.telemetry.agent.instrument;

/** An incoming HTTP request's entry point (servlet containers, the JDK server). */
public interface ServerRequestSite extends SiteHandler {
    /** {@code serverPort} -1 when unknown; {@code route} and {@code traceparent} may be null. */
    Call enter(Class<?> origin, String method, String path, String route, String traceparent,
               String serverAddress, int serverPort);

    /** One request in progress. */
    interface Call {
        /** {@code status} -1 when no response status was set; {@code thrown} non-null when the handler threw. */
        void end(int status, Throwable thrown);
    }
}
