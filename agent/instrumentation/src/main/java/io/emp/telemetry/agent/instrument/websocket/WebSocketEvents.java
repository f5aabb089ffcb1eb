package io.emp.telemetry.agent.instrument.websocket;

/**
 * Event types and attribute names of WebSocket connections. OpenTelemetry has no WebSocket
 * conventions; the generic ones are used where they fit ({@code url.path}, {@code http.route},
 * {@code network.peer.*}), the rest is under {@code websocket.}.
 */
public final class WebSocketEvents {
    /** A connection opened (server or client side); the first event of the connection's span. */
    public static final String CONNECTED = "websocket.connected";
    /** A connection closed: close code and reason, {@code durationMs} of the connection. Ends its span. */
    public static final String DISCONNECTED = "websocket.disconnected";
    /** To the errors stream: the endpoint's error callback ran. */
    public static final String ERROR = "websocket.error";
    /** Not emitted by the instrumentation: the name a rule gives a subscription (docs/instrumentations.md). */
    public static final String SUBSCRIBED = "websocket.subscribed";

    /** The connection's id: the API's own (Jakarta {@code Session.getId()}), else one the agent made. */
    public static final String SOCKET_ID = "websocket.socket.id";
    /** {@code jakarta} or {@code jetty}: which API the endpoint implements. */
    public static final String API = "websocket.api";
    /** {@code server} (the endpoint accepted the connection) or {@code client}. */
    public static final String SIDE = "websocket.side";
    /** The close status code (1000 normal, 1001 going away, 1006 abnormal, …); absent when unknown. */
    public static final String CLOSE_CODE = "websocket.close.code";
    public static final String CLOSE_REASON = "websocket.close.reason";
    public static final String NETWORK_PEER_ADDRESS = "network.peer.address";
    public static final String NETWORK_PEER_PORT = "network.peer.port";

    private WebSocketEvents() {
    }
}
