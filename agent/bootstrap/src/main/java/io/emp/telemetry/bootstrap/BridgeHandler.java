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

    /** An outgoing {@code java.net.http.HttpRequest} is about to be sent. */
    Object clientRequestEnter(int site, Class<?> origin, Object request);

    /** The replacement request for {@code token}'s call, or {@code null} to send the caller's. */
    Object clientRequestReplacement(Object token);

    /** A Redis function call started. */
    Object functionCallEnter(int site, Class<?> origin, String clientMethod, Object function, Object keys, Object args);

    /**
     * The call of {@code token} returned ({@code thrown == null}) or threw; returns the value the
     * method must return ({@code returned} unless the handler wraps it).
     */
    Object exit(Object token, Object returned, Throwable thrown);

    /** A call of the {@code io.emp.telemetry.api.Telemetry} facade; {@code true} when the agent took it. */
    boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error);

    /** The W3C {@code traceparent} of the current span on this thread, or {@code null}. */
    String traceparent(Class<?> origin);

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
