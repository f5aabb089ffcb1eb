package io.emp.telemetry.bootstrap;

import java.util.Map;

/**
 * What the agent core plugs into the {@link Bridge}: one method per kind of call site, with the
 * same named parameters as the bridge's. Implemented once, in the agent's own class loader; the
 * bridge only sees this interface, so nothing here may name an agent or shaded type.
 * <p>
 * {@code site} is the call site index the agent baked into the advice when it instrumented the
 * method. Enter methods return an opaque token for the matching exit, or {@code null} when nothing
 * needs to happen on exit.
 */
public interface BridgeHandler {
    /** Whether the agent wants this call of {@code site}; must not allocate. */
    boolean active(int site);

    /** An instrumented method was entered (rules, annotations). */
    Object methodEnter(int site, Class<?> origin, Object self, Object[] args);

    /** An incoming HTTP request started. */
    Object serverRequestEnter(int site, Class<?> origin, String method, String path, String route,
                              String traceparent, String serverAddress, int serverPort);

    /** The request of {@code token} ended with {@code status} (-1 if unknown) or {@code thrown}. */
    void serverRequestExit(Object token, int status, Throwable thrown);

    /** A web framework matched the current incoming request to {@code route} and a handler method. */
    void serverRoute(int site, String mountPath, String route, Class<?> handlerClass, String handlerMethod);

    /** An outgoing {@code java.net.http.HttpRequest} is about to be sent. */
    Object clientRequestEnter(int site, Class<?> origin, Object request);

    /** The replacement request for {@code token}'s call, or {@code null} to send the caller's. */
    Object clientRequestReplacement(Object token);

    /**
     * An outgoing HTTP call of a library the agent cannot link (OkHttp) was created; the advice read
     * its values. {@code serverPort} -1 when unknown, {@code traceparent} the request's own or {@code null}.
     */
    Object clientCallEnter(int site, Class<?> origin, String method, String url, String serverAddress,
                           int serverPort, String traceparent);

    /** The {@code traceparent} header the advice must add to {@code token}'s request, or {@code null}. */
    String clientCallTraceparent(Object token);

    /** Ties {@code token}'s call to the library's call object, whose end {@link #clientCallEnd} reports. */
    void clientCallBind(Object token, Object libraryCall);

    /** The library call bound to a call of {@code site} ended with {@code status} (-1 if none) or {@code thrown}. */
    void clientCallEnd(int site, Object libraryCall, int status, Throwable thrown);

    /** A Redis function (FCALL) or script (EVAL, EVALSHA) call started. */
    Object functionCallEnter(int site, Class<?> origin, String clientMethod, Object function, Object keys, Object args);

    /** The raw reply of one pipelined or transactional command ({@code response} is the client's handle). */
    void pipelinedReply(int site, Object response, Object reply);

    /**
     * The call of {@code token} returned ({@code thrown == null}) or threw; returns the value the
     * method must return ({@code returned} unless the handler wraps it).
     */
    Object exit(Object token, Object returned, Throwable thrown);

    /** A call of the {@code io.emp.telemetry.api.Telemetry} facade; {@code true} when the agent took it. */
    boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error);

    /** The W3C {@code traceparent} of the current span on this thread, or {@code null}. */
    String traceparent(Class<?> origin);

    /** An outgoing HTTP request of a client library (values read by the advice) is about to be sent. */
    Object httpClientEnter(int site, Class<?> origin, String method, String scheme, String host, int port,
                           String target, boolean callerTraceparent);

    /** The {@code traceparent} to put on the request of {@code token}'s call, or {@code null}. */
    String httpClientTraceparent(Object token);

    /** The library call of {@code token} ended with {@code status} (-1 if none) or {@code thrown}. */
    void httpClientExit(Object token, int status, Throwable thrown);

    /** A call of the JDK's {@code HttpURLConnection} that may start its request. */
    Object urlConnectionEnter(int site, Class<?> origin, java.net.HttpURLConnection connection, boolean connected);

    /** That call returned or threw; {@code responseRead} when it was the one that reads the response. */
    void urlConnectionExit(Object token, int responseCode, Throwable thrown, boolean responseRead);

    /** An asynchronous client library's execute started. */
    Object asyncHttpClientStart(int site, Class<?> origin);

    /** That execute returned or threw. */
    void asyncHttpClientExit(Object token, Throwable thrown);

    /** Whether an execute on this thread still waits for its request; must not allocate. */
    boolean asyncHttpClientAwaitsRequest(int site);

    /** The request of this thread's execute, with the library's callback for the exchange. */
    String asyncHttpClientSend(int site, Object exchange, String method, String scheme, String host, int port,
                               String target, boolean callerTraceparent);

    /** The exchange's response arrived. */
    void asyncHttpClientResponse(int site, Object exchange, int status);

    /** The exchange completed or failed. */
    void asyncHttpClientEnd(int site, Object exchange, Throwable error);

    // ---- WebSocket connections (issue 12); see the Bridge's section of the same name ----

    /** A WebSocket connection opened. */
    void socketOpened(int site, Class<?> origin, Object session, Object endpoint, String api, String side,
                      String socketId, String path, String route, String userId, String peerAddress, int peerPort,
                      String traceparent);

    /** A message callback of a connection starts; the token for {@link #socketMessageExit}, or null. */
    Object socketMessageEnter(int site, Object session, Object endpoint);

    /** The message callback of {@code token} ended. */
    void socketMessageExit(Object token);

    /** The connection's endpoint reported an error. */
    void socketError(int site, Class<?> origin, Object session, Object endpoint, Throwable error);

    /** The connection closed; {@code closeCode} -1 when unknown. */
    void socketClosed(int site, Class<?> origin, Object session, Object endpoint, int closeCode, String reason);
}
