package io.emp.telemetry.agent.instrument.http.client;

import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.agent.instrument.http.server.ServerEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java.net.http.HttpClient} against a real local server that reports the headers it got. */
class JavaHttpClientTest {
    private static RecordingSink events;
    private static HttpServer server;
    private static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    private static String base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        events = InstrumentedJvm.events();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // a lambda handler: seen through the JDK server's filter chain
        server.createContext("/", exchange -> {
            String tp = exchange.getRequestHeaders().getFirst("traceparent");
            RECEIVED.add(tp == null ? "none" : tp);
            int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        events.clear();
        RECEIVED.clear();
    }

    @Test
    void sendCarriesTheClientSpansTraceparentAndRecordsTheCall() throws Exception {
        Span caller = Spans.open(JavaHttpClientTest.class);
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(base + "/models/7?key=s3cr3t"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            Spans.close(caller);
        }
        assertEquals(200, response.statusCode());

        TelemetryEvent e = events.await(ClientRequestHandler.REQUEST_EVENT, 1).get(0);
        assertEquals("00-" + e.traceId() + "-" + e.spanId() + "-01", RECEIVED.poll(5, TimeUnit.SECONDS));
        assertEquals(caller.traceId(), e.traceId());
        assertEquals(caller.spanId(), e.parentSpanId());
        assertEquals("GET", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(base + "/models/7", e.data().get(Attributes.URL_FULL));
        assertEquals(200, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertTrue(((Number) e.data().get(Attributes.DURATION_MS)).doubleValue() > 0);
        assertTrue(response.request().headers().firstValue("Accept").isPresent(), "other headers are kept");

        // the server side (the JDK server, instrumented too) continued the client's span
        TelemetryEvent served = events.await(ServerEvents.REQUEST, 1).get(0);
        assertEquals(e.traceId(), served.traceId());
        assertEquals(e.spanId(), served.parentSpanId());
        assertEquals("/models/7", served.data().get(Attributes.URL_PATH));
    }

    @Test
    void sendAsyncCompletesTheEventWithTheFuture() throws Exception {
        HttpResponse<Void> response = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/missing"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
                .get(5, TimeUnit.SECONDS);
        assertEquals(404, response.statusCode());

        TelemetryEvent e = events.await(ClientRequestHandler.REQUEST_EVENT, 1).get(0);
        assertEquals("POST", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(404, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("404", e.data().get(Attributes.ERROR_TYPE));
        assertEquals("00-" + e.traceId() + "-" + e.spanId() + "-01", RECEIVED.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aTraceparentTheCallerSetIsKept() throws Exception {
        String own = "00-11111111111111111111111111111111-2222222222222222-01";
        client.send(HttpRequest.newBuilder(URI.create(base + "/x")).header("traceparent", own).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(own, RECEIVED.poll(5, TimeUnit.SECONDS));
        assertEquals(1, events.await(ClientRequestHandler.REQUEST_EVENT, 1).size());
    }

    @Test
    void aFailedCallIsAnErrorEvent() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build();
        assertThrows(ConnectException.class, () -> client.send(request, HttpResponse.BodyHandlers.discarding()));
        ExecutionException async = assertThrows(ExecutionException.class,
                () -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).get(5, TimeUnit.SECONDS));
        assertTrue(async.getCause() instanceof ConnectException);

        for (TelemetryEvent failed : events.await(ClientRequestHandler.FAILED_EVENT, 2)) {
            assertTrue(failed.isError());
            assertEquals(ConnectException.class.getName(), failed.errorType());
        }
        assertEquals(2, events.ofType(ClientRequestHandler.REQUEST_EVENT).size());
    }
}
