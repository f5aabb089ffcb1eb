package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testapp.websocket.JettyEndpoints;
import io.emp.telemetry.testapp.websocket.JettyEndpoints.AnnotatedEndpoint;
import io.emp.telemetry.testapp.websocket.JettyEndpoints.ClientListener;
import io.emp.telemetry.testapp.websocket.JettyEndpoints.EchoListener;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
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
 * Jetty 12's own WebSocket API on a real Jetty server ({@code WebSocketUpgradeHandler}) with
 * Jetty's WebSocket client: {@code Session.Listener} and {@code @WebSocket} endpoints. The user
 * header is configured by the module's surefire settings ({@code x-user}).
 */
class JettyWebSocketTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String PARENT = "b7ad6b7169203331";

    private static RecordingSink events;
    private static Server server;
    private static WebSocketClient client;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        events = InstrumentedJvm.events();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container -> {
            container.addMapping("/listener", (request, response, callback) -> new EchoListener());
            container.addMapping("/annotated", (request, response, callback) -> new AnnotatedEndpoint());
        }));
        server.setHandler(context);
        server.start();
        base = "ws://127.0.0.1:" + connector.getLocalPort();
        client = new WebSocketClient();
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        client.stop();
        server.stop();
    }

    @BeforeEach
    void clear() {
        events.clear();
        JettyEndpoints.CONTEXT_IN_MESSAGE.clear();
    }

    @Test
    void listenersOnBothSidesAreConnectedAndDisconnected() throws Exception {
        ClientListener listener = new ClientListener();
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setHeader("traceparent", "00-" + TRACE + "-" + PARENT + "-01");
        request.setHeader("x-user", "grace");
        Session session = client.connect(listener, URI.create(base + "/listener?room=7"), request).get(20, TimeUnit.SECONDS);
        session.sendText("hello", Callback.NOOP);
        assertEquals("echo:hello", listener.replies.poll(20, TimeUnit.SECONDS));
        session.close(1000, "done", Callback.NOOP);

        TelemetryEvent server = only(WebSocketEvents.CONNECTED, side("server"));
        assertEquals("jetty", server.data().get(WebSocketEvents.API));
        assertEquals("/listener", server.data().get(Attributes.URL_PATH));
        assertEquals("grace", server.userId(), "the configured header names the user");
        assertEquals("127.0.0.1", server.data().get(WebSocketEvents.NETWORK_PEER_ADDRESS));
        assertTrue(((Number) server.data().get(WebSocketEvents.NETWORK_PEER_PORT)).intValue() > 0);
        assertNotNull(server.data().get(WebSocketEvents.SOCKET_ID));
        assertEquals(TRACE, server.traceId());
        assertEquals(PARENT, server.parentSpanId());

        TelemetryEvent clientSide = only(WebSocketEvents.CONNECTED, side("client"));
        assertNotEquals(server.data().get(WebSocketEvents.SOCKET_ID), clientSide.data().get(WebSocketEvents.SOCKET_ID));

        TelemetryEvent closed = only(WebSocketEvents.DISCONNECTED, side("server"));
        assertEquals(server.spanId(), closed.spanId());
        assertEquals(1000, closed.data().get(WebSocketEvents.CLOSE_CODE));
        assertEquals("done", closed.data().get(WebSocketEvents.CLOSE_REASON));
        assertEquals(1000, only(WebSocketEvents.DISCONNECTED, side("client")).data().get(WebSocketEvents.CLOSE_CODE));
        assertEquals("00-" + TRACE + "-" + server.spanId() + "-01", JettyEndpoints.CONTEXT_IN_MESSAGE.poll(5, TimeUnit.SECONDS),
                "while onWebSocketText runs, the connection's span is current");
    }

    @Test
    void anAnnotatedEndpointThatThrowsIsAnErrorAndAServerErrorClose() throws Exception {
        ClientListener listener = new ClientListener();
        Session session = client.connect(listener, URI.create(base + "/annotated")).get(20, TimeUnit.SECONDS);
        session.sendText("boom", Callback.NOOP);
        assertTrue(listener.closed.await(20, TimeUnit.SECONDS));

        TelemetryEvent connected = only(WebSocketEvents.CONNECTED, side("server"));
        TelemetryEvent error = events.await(WebSocketEvents.ERROR, 1).get(0);
        assertEquals(IllegalArgumentException.class.getName(), error.errorType());
        assertEquals(connected.spanId(), error.spanId());
        TelemetryEvent closed = only(WebSocketEvents.DISCONNECTED, side("server"));
        assertEquals(connected.spanId(), closed.spanId());
        assertEquals(1011, closed.data().get(WebSocketEvents.CLOSE_CODE), "Jetty closes with 1011 server error");
    }

    private static Predicate<TelemetryEvent> side(String side) {
        return e -> side.equals(e.data().get(WebSocketEvents.SIDE));
    }

    static TelemetryEvent only(String type, Predicate<TelemetryEvent> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline
                && events.ofType(type).stream().noneMatch(which)) {
            Thread.sleep(20);
        }
        Thread.sleep(100);
        List<TelemetryEvent> all = events.ofType(type).stream().filter(which).collect(Collectors.toList());
        assertEquals(1, all.size(), () -> "one " + type + " of " + events.ofType(type));
        return all.get(0);
    }
}
