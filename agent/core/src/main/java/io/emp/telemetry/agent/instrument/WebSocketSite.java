package io.emp.telemetry.agent.instrument;

/**
 * A WebSocket endpoint's callbacks (Jakarta WebSocket, Jetty's WebSocket API), server or client
 * side. A connection is known by the objects its callbacks see: {@code session} (may be null when a
 * callback declares no session parameter) and {@code endpoint} (the endpoint instance).
 */
public interface WebSocketSite extends SiteHandler {
    /** {@code peerPort} -1 when unknown; every string may be null. */
    void opened(Class<?> origin, Object session, Object endpoint, String api, String side, String socketId,
                String path, String route, String userId, String peerAddress, int peerPort, String traceparent);

    /** A message callback starts; the scope to end when it returns, or null for an unknown connection. */
    MessageScope messageEnter(Object session, Object endpoint);

    void error(Class<?> origin, Object session, Object endpoint, Throwable error);

    /** {@code closeCode} -1 when unknown. */
    void closed(Class<?> origin, Object session, Object endpoint, int closeCode, String reason);

    /** A message callback in progress: the connection's span is current on its thread until {@link #end}. */
    interface MessageScope {
        void end();
    }
}
