package io.emp.telemetry.agent.instrument.http.server;

import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testapp.JdkHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's own {@code com.sun.net.httpserver} with application handler classes ({@link JdkHandlers}). */
class JdkHttpServerTest {
    private static RecordingSink events;
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        events = InstrumentedJvm.events();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", new JdkHandlers.Delegating(new JdkHandlers.Orders()));
        server.createContext("/crash", new JdkHandlers.Crashing());
        server.createContext("/cut-short", new JdkHandlers.CrashingMidBody());
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
    }

    @Test
    void aHandlerDelegatingToAnotherIsOneRequest() throws IOException {
        assertEquals(202, PlainHttp.request("GET", base + "/orders/9?apiKey=x", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        List<TelemetryEvent> requests = events.await(ServerEvents.REQUEST, 1);
        TelemetryEvent e = requests.get(0);
        assertEquals("GET", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals("/orders/9", e.data().get(Attributes.URL_PATH));
        assertEquals("/orders", e.data().get(Attributes.HTTP_ROUTE));
        assertEquals(202, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", e.traceId());
        assertEquals("00f067aa0ba902b7", e.parentSpanId());
        assertEquals(1, events.ofType(ServerEvents.REQUEST).size());
    }

    @Test
    void aHandlerThatThrowsIsAnApiError() {
        try {
            PlainHttp.request("GET", base + "/crash", null);
        } catch (IOException expected) {
            // the JDK server closes the connection without an answer
        }
        TelemetryEvent error = events.await(ServerEvents.ERROR, 1).get(0);
        assertEquals(UnsupportedOperationException.class.getName(), error.errorType());
        assertTrue(error.isError());
        TelemetryEvent request = events.ofType(ServerEvents.REQUEST).get(0);
        assertEquals(500, request.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertNull(request.parentSpanId());
    }

    @Test
    void aHandlerThatThrowsAfterSendingItsStatusKeepsThatStatus() {
        CutShortResponse.assertRecordedWithStatusSent(events, "GET", base + "/cut-short", 200);
    }
}
