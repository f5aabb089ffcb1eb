package io.emp.telemetry.agent.instrument;

/**
 * An asynchronous client library's request (Apache HttpClient 5 async): the call that starts it
 * ({@link #start}), the moment the library hands the request to its exec chain on the same thread
 * ({@link #send}, where the advice reads it and sets the {@code traceparent}), and the library's
 * own completion callback for that exchange ({@link #response}, {@link #end}), on any thread.
 * {@code exchange} is the library's per-request callback object, the key that ties them together.
 */
public interface AsyncClientRequestSite extends SiteHandler {
    /** The starting call entered; {@code null} when another one is already in progress on this thread. */
    Call start(Class<?> origin);

    /** Whether the call started on this thread still waits for its request (allocation-free). */
    boolean awaitsRequest();

    /** The request of this thread's call: binds it to {@code exchange}; the header to set, or {@code null}. */
    String send(Object exchange, String method, String scheme, String host, int port, String target,
                boolean callerTraceparent);

    /** The exchange's response arrived with {@code status}. */
    void response(Object exchange, int status);

    /** The exchange completed ({@code error == null}) or failed. */
    void end(Object exchange, Throwable error);

    /** The starting call in progress. */
    interface Call {
        void exit(Throwable thrown);
    }
}
