package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceIds;
import io.emp.telemetry.agent.context.TraceParent;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.WebSocketSite;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket connections, whatever the API: one span per connection, opened when the connection
 * opens and ended when it closes. {@code websocket.connected} and {@code websocket.disconnected}
 * are its first and last events, errors go to the errors stream in it, and while a message
 * callback runs the span is current on that thread, so what the callback does (a rule's
 * {@code websocket.subscribed}, the FCALLs it makes) is in the connection's trace.
 * <p>
 * The span continues the handshake's {@code traceparent} when the endpoint can read one, else the
 * context current where the connection opens (the upgrade request's span, an OpenTelemetry span),
 * else it starts a trace. No event per message: messages are too frequent to be events.
 */
final class ConnectionHandler implements WebSocketSite {
    private final AgentRuntime runtime;
    private final Connections<Connection> connections = new Connections<>();
    private final AtomicLong untracked = new AtomicLong();

    ConnectionHandler(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void opened(Class<?> origin, Object session, Object endpoint, String api, String side, String socketId,
                       String path, String route, String userId, String peerAddress, int peerPort,
                       String traceparent) {
        // the same connection seen again: an endpoint's open calling its superclass's, a wrapper and its POJO
        if (connections.find(session, endpoint) != null) return;
        SpanContext remote = TraceParent.parse(traceparent);
        Span span = remote != null ? Spans.detachedChildOf(remote) : Spans.event(origin, null);
        Connection connection = new Connection(span, api, side, socketId != null ? socketId : TraceIds.newSpanId(),
                path, route, userId, peerAddress, peerPort);
        if (!connections.put(session, endpoint, connection)) {
            long n = untracked.incrementAndGet();
            if (n == 1 || Long.bitCount(n) == 1) {
                Log.warn("websocket", n + " connection(s) not tracked so far: " + Connections.MAX
                        + " are open already; their disconnected events will be missing");
            }
        }
        runtime.emit(span, connection.describe(runtime.event(WebSocketEvents.CONNECTED)));
    }

    @Override
    public MessageScope messageEnter(Object session, Object endpoint) {
        Connection connection = connections.find(session, endpoint);
        if (connection == null || connection.isClosed()) return null;
        Span span = Spans.resume(connection.span);
        return () -> Spans.close(span);
    }

    @Override
    public void error(Class<?> origin, Object session, Object endpoint, Throwable error) {
        Connection connection = connections.find(session, endpoint);
        Span span = connection != null ? connection.span : Spans.event(origin, null);
        TelemetryEvent.Builder event = runtime.event(WebSocketEvents.ERROR);
        if (connection != null) connection.describe(event);
        if (error != null) {
            event.error(error).attribute(Attributes.ERROR_TYPE, error.getClass().getName());
        } else {
            event.errorType("websocket.error").errorMessage("the endpoint reported an error without an exception");
        }
        runtime.emit(span, event);
    }

    @Override
    public void closed(Class<?> origin, Object session, Object endpoint, int closeCode, String reason) {
        Connection connection = connections.find(session, endpoint);
        // unknown (opened before the agent was attached), or closed already: an endpoint's close calling
        // its superclass's, or Jetty's frame handler and the endpoint's callback both reporting it
        if (connection == null || !connection.markClosed()) return;
        connections.remove(session, endpoint, connection);
        runtime.emit(connection.span, connection.describe(runtime.endEvent(WebSocketEvents.DISCONNECTED, connection.span))
                .attribute(WebSocketEvents.CLOSE_CODE, closeCode >= 0 ? closeCode : null)
                .attribute(WebSocketEvents.CLOSE_REASON, reason == null || reason.isEmpty() ? null : reason));
    }

    /** Connections the table had no room for (their disconnected events are lost). */
    long untrackedCount() {
        return untracked.get();
    }

    int openCount() {
        return connections.size();
    }

    /** What is known of one connection from its open callback. */
    private static final class Connection {
        final Span span;
        final String api;
        final String side;
        final String socketId;
        final String path;
        final String route;
        final String userId;
        final String peerAddress;
        final int peerPort;
        private final AtomicBoolean closed = new AtomicBoolean();

        Connection(Span span, String api, String side, String socketId, String path, String route, String userId,
                   String peerAddress, int peerPort) {
            this.span = span;
            this.api = api;
            this.side = side;
            this.socketId = socketId;
            this.path = path;
            this.route = route;
            this.userId = userId;
            this.peerAddress = peerAddress;
            this.peerPort = peerPort;
        }

        /** {@code true} the first time only: one {@code disconnected} per connection. */
        boolean markClosed() {
            return closed.compareAndSet(false, true);
        }

        boolean isClosed() {
            return closed.get();
        }

        TelemetryEvent.Builder describe(TelemetryEvent.Builder event) {
            return event.userId(userId)
                    .attribute(WebSocketEvents.SOCKET_ID, socketId)
                    .attribute(WebSocketEvents.API, api)
                    .attribute(WebSocketEvents.SIDE, side)
                    .attribute(Attributes.URL_PATH, path)
                    .attribute(Attributes.HTTP_ROUTE, route)
                    .attribute(WebSocketEvents.NETWORK_PEER_ADDRESS, peerAddress)
                    .attribute(WebSocketEvents.NETWORK_PEER_PORT, peerPort > 0 ? peerPort : null);
        }
    }
}
