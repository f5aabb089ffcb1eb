package io.emp.telemetry.agent.instrument;

/**
 * An outgoing HTTP call of a client library the agent cannot link (OkHttp…): the advice, inlined
 * in the application's own classes, reads the request's values and builds the traced request
 * itself. The call's end may be reported later and on another thread (an async call finishes on
 * the library's dispatcher), so the call is tied to the library's call object with
 * {@link Call#bindTo} and ended through {@link #end}.
 */
public interface ClientCallSite extends SiteHandler {
    /**
     * @param url           the request URL as the library prints it (query and user info are dropped
     *                      by the handler before anything is recorded)
     * @param serverPort    -1 when unknown
     * @param traceparent   the request's own {@code traceparent} header, or {@code null}
     */
    Call enter(Class<?> origin, String method, String url, String serverAddress, int serverPort, String traceparent);

    /**
     * The library call bound with {@link Call#bindTo} ended with a response {@code status} (-1 if
     * none) or {@code thrown}; any thread. A call is ended at most once; an unknown call is ignored.
     */
    void end(Object libraryCall, int status, Throwable thrown);

    /** One outgoing call between {@link #enter} and {@link #end}. */
    interface Call {
        /** The {@code traceparent} header to add to the request, or {@code null} (the caller set one). */
        String traceparentToAdd();

        /** Ties this call to the library's call object, whose end {@link ClientCallSite#end} reports. */
        void bindTo(Object libraryCall);
    }
}
