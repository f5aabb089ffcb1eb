package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent in a real JVM with a real Jetty 12 WebSocket server and clients: Jakarta
 * WebSocket (ee10) and Jetty's own API, server and client side; the built-in websocket rules turn
 * the endpoints' {@code subscribe(channel)} into {@code websocket.subscribed} in the connection's span.
 */
class WebSocketAgentTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void connectionsSubscriptionsAndClosesOfBothApis(Jdks.Jdk jdk) throws Exception {
        String service = "ws-app-" + jdk.tag();
        JvmRun run = JvmRun.on(jdk).timeoutSeconds(240)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_INSTRUMENTATION_WEBSOCKET_USER_PARAM", "user");
        for (Path jar : webSocketLibraries()) run.classpath(jar);
        JvmRun.Result result = run.run("io.emp.telemetry.it.app.websocket.WebSocketApp");
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("jakarta answer: subscribed job:1:status"), result::toString);
        assertTrue(result.stdout.contains("jetty answer: subscribed job:2:status"), result::toString);
        assertFalse(result.stderr.contains("WARN"), result::toString);

        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            List<TelemetryEvent> connected = RedisEvents.ofType(events, "websocket.connected");
            List<TelemetryEvent> disconnected = RedisEvents.ofType(events, "websocket.disconnected");
            assertEquals(4, connected.size(), () -> "server and client side of two connections: " + connected);
            assertEquals(4, disconnected.size(), () -> "each connection closed on both sides: " + disconnected);
            assertTrue(redis.errors(service).isEmpty(), () -> "no errors: " + redis.errors(service));

            for (String api : List.of("jakarta", "jetty")) {
                TelemetryEvent server = one(connected, api, "server");
                TelemetryEvent closed = one(disconnected, api, "server");
                assertEquals(server.spanId(), closed.spanId(), api + ": one span per connection");
                assertEquals(1000, ((Number) closed.data().get("websocket.close.code")).intValue());
                assertEquals("done", closed.data().get("websocket.close.reason"));
                assertTrue(((Number) closed.data().get("durationMs")).doubleValue() > 0);
                assertEquals("/" + api + "/feed", server.data().get("url.path"));
                one(connected, api, "client");
                one(disconnected, api, "client");

                List<TelemetryEvent> subscribed = RedisEvents.ofType(events, "websocket.subscribed").stream()
                        .filter(e -> server.spanId().equals(e.parentSpanId())).collect(Collectors.toList());
                assertEquals(1, subscribed.size(), () -> api + ": subscribed is a child of the connection's span: " + events);
                assertEquals(server.traceId(), subscribed.get(0).traceId());
                String channel = "jakarta".equals(api) ? "job:1:status" : "job:2:status";
                assertEquals(channel, subscribed.get(0).data().get("websocket.channel"));
            }
            TelemetryEvent jakartaServer = one(connected, "jakarta", "server");
            assertEquals("ada", jakartaServer.userId(), "the configured query parameter names the user");
            assertEquals("/feed", jakartaServer.data().get("http.route"));
            assertEquals("127.0.0.1", one(connected, "jetty", "server").data().get("network.peer.address"));
        }
    }

    @Test
    void anApplicationWithoutWebSocketsLogsNothingAboutThem() throws Exception {
        Path rules = Paths.get(System.getProperty("it.rules.dir"), "good.yaml");
        JvmRun.Result result = JvmRun.on(Jdks.all().get(0))
                .classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class))
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", "no-websockets")
                .env("EMP_RULES", rules.toString())
                .run("io.emp.telemetry.it.app.RulesApp", "no-websockets");
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("RULES-APP-DONE"), result::toString);
        // the start line lists the instrumentations, websocket among them; nothing else may mention it
        assertFalse(result.stderr.lines().filter(l -> !l.contains("agent: started"))
                .anyMatch(l -> l.toLowerCase().contains("websocket")), result::toString);
        assertFalse(result.stderr.contains("WARN") || result.stderr.contains("ERROR"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertFalse(redis.events("no-websockets").isEmpty(), "the application's own events still arrive");
        }
    }

    private static TelemetryEvent one(List<TelemetryEvent> events, String api, String side) {
        List<TelemetryEvent> found = events.stream()
                .filter(e -> api.equals(e.data().get("websocket.api")) && side.equals(e.data().get("websocket.side")))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), () -> api + " " + side + ": " + events);
        return found.get(0);
    }

    /** The Jetty and Jakarta WebSocket jars (and what they need) from this test's own class path. */
    private static List<Path> webSocketLibraries() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.contains("/org/eclipse/jetty/") || p.contains("/jakarta/") || p.contains("/org/slf4j/"))
                .map(Paths::get)
                .collect(Collectors.toList());
    }
}
