package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testapp.websocket.JakartaEndpoints;
import io.emp.telemetry.testapp.websocket.JakartaEndpoints.ChatClient;
import io.emp.telemetry.testapp.websocket.JakartaEndpoints.ChatEndpoint;
import io.emp.telemetry.testapp.websocket.JakartaEndpoints.PlainEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta WebSocket endpoints on a real Jetty 12 (ee10) server, with Jetty's Jakarta client:
 * annotated server and client endpoints, a programmatic {@code Endpoint}. The user query
 * parameter is configured by the module's surefire settings ({@code user}).
 */
class JakartaWebSocketTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private static RecordingSink events;
    private static Server server;
    private static WebSocketContainer client;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        events = InstrumentedJvm.events();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/ws");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.addEndpoint(ChatEndpoint.class);
            container.addEndpoint(ServerEndpointConfig.Builder.create(PlainEndpoint.class, "/plain").build());
        });
        server.setHandler(context);
        server.start();
        base = "ws://127.0.0.1:" + connector.getLocalPort() + "/ws";
        client = ContainerProvider.getWebSocketContainer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @BeforeEach
    void clear() {
        events.clear();
        JakartaEndpoints.CONTEXT_IN_MESSAGE.clear();
    }

    @Test
    void annotatedServerAndClientEndpointsAreConnectedAndDisconnected() throws Exception {
        ChatClient chat = new ChatClient();
        Session session = client.connectToServer(chat,
                URI.create(base + "/chat/lobby?user=ada&traceparent=00-" + TRACE + "-" + PARENT + "-01"));
        session.getBasicRemote().sendText("subscribe:job-1");
        assertEquals("ok:job-1", chat.replies.poll(20, TimeUnit.SECONDS));
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));

        TelemetryEvent server = only(WebSocketEvents.CONNECTED, side("server"));
        assertEquals("jakarta", server.data().get(WebSocketEvents.API));
        assertEquals("/ws/chat/lobby", server.data().get(Attributes.URL_PATH));
        assertEquals("/chat/{room}", server.data().get(Attributes.HTTP_ROUTE));
        assertEquals("ada", server.userId());
        assertNotNull(server.data().get(WebSocketEvents.SOCKET_ID));
        assertEquals(TRACE, server.traceId(), "the handshake's traceparent is continued");
        assertEquals(PARENT, server.parentSpanId());
        assertTrue(server.toString().indexOf("subscribe:job-1") < 0, "no message content is recorded");

        TelemetryEvent clientSide = only(WebSocketEvents.CONNECTED, side("client"));
        assertEquals("/ws/chat/lobby", clientSide.data().get(Attributes.URL_PATH));
        assertNotEquals(server.spanId(), clientSide.spanId());

        TelemetryEvent closed = only(WebSocketEvents.DISCONNECTED, side("server"));
        assertEquals(server.spanId(), closed.spanId(), "connected and disconnected are one span: the connection's");
        assertEquals(server.traceId(), closed.traceId());
        assertEquals(1000, closed.data().get(WebSocketEvents.CLOSE_CODE));
        assertEquals("bye", closed.data().get(WebSocketEvents.CLOSE_REASON));
        assertEquals(server.data().get(WebSocketEvents.SOCKET_ID), closed.data().get(WebSocketEvents.SOCKET_ID));
        assertTrue(((Number) closed.data().get(Attributes.DURATION_MS)).doubleValue() > 0);
        assertEquals(1000, only(WebSocketEvents.DISCONNECTED, side("client")).data().get(WebSocketEvents.CLOSE_CODE));

        assertEquals("00-" + TRACE + "-" + server.spanId() + "-01", JakartaEndpoints.CONTEXT_IN_MESSAGE.poll(5, TimeUnit.SECONDS),
                "while @OnMessage runs, the connection's span is current");
        assertTrue(events.ofType(WebSocketEvents.ERROR).isEmpty());
    }

    @Test
    void anErrorInAMessageCallbackIsAWebSocketErrorInTheConnectionsSpan() throws Exception {
        ChatClient chat = new ChatClient();
        Session session = client.connectToServer(chat, URI.create(base + "/chat/errors"));
        session.getBasicRemote().sendText("boom");
        events.await(WebSocketEvents.ERROR, 1);
        if (session.isOpen()) session.close();

        TelemetryEvent connected = only(WebSocketEvents.CONNECTED, side("server"));
        TelemetryEvent error = events.await(WebSocketEvents.ERROR, 1).get(0);
        assertTrue(error.isError());
        // what @OnError receives: Jetty wraps the callback's exception in the close it causes
        assertTrue(error.errorStack().contains("IllegalStateException: room is on fire"), error::errorStack);
        assertEquals(connected.spanId(), error.spanId());
        assertEquals(connected.data().get(WebSocketEvents.SOCKET_ID), error.data().get(WebSocketEvents.SOCKET_ID));
        assertEquals(null, connected.parentSpanId(), "no traceparent, no server span: a trace of its own");
    }

    @Test
    void aProgrammaticEndpointIsConnectedAndDisconnected() throws Exception {
        ChatClient chat = new ChatClient();
        Session session = client.connectToServer(chat, URI.create(base + "/plain"));
        session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "leaving"));

        TelemetryEvent connected = only(WebSocketEvents.CONNECTED, side("server"));
        assertEquals("/plain", connected.data().get(Attributes.HTTP_ROUTE));
        TelemetryEvent closed = only(WebSocketEvents.DISCONNECTED, side("server"));
        assertEquals(connected.spanId(), closed.spanId());
        assertEquals(1001, closed.data().get(WebSocketEvents.CLOSE_CODE));
        assertEquals("leaving", closed.data().get(WebSocketEvents.CLOSE_REASON));
    }

    private static Predicate<TelemetryEvent> side(String side) {
        return e -> side.equals(e.data().get(WebSocketEvents.SIDE));
    }

    /** Exactly one event of {@code type} on {@code side}, waiting for it. */
    static TelemetryEvent only(String type, Predicate<TelemetryEvent> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<TelemetryEvent> found;
        do {
            found = events.ofType(type).stream().filter(which).collect(Collectors.toList());
            if (!found.isEmpty()) break;
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        Thread.sleep(100); // a doubled event would have arrived by now
        List<TelemetryEvent> all = events.ofType(type).stream().filter(which).collect(Collectors.toList());
        assertEquals(1, all.size(), () -> "one " + type + " of " + events.ofType(type));
        return all.get(0);
    }
}
