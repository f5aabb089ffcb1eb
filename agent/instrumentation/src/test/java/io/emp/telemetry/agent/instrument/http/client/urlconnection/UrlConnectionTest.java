package io.emp.telemetry.agent.instrument.http.client.urlconnection;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.http.client.ClientRequestEvents;
import io.emp.telemetry.agent.instrument.http.client.RecordingServer;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's {@link HttpURLConnection} against a real local server that reports the headers it got. */
class UrlConnectionTest {
    private static RecordingSink events;
    private static RecordingServer server;

    @BeforeAll
    static void start() throws IOException {
        events = InstrumentedJvm.events();
        server = new RecordingServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        events.clear();
        server.clear();
    }

    private static HttpURLConnection open(String path) throws IOException {
        return (HttpURLConnection) new URL(server.base() + path).openConnection();
    }

    @Test
    void getInputStreamCarriesTheTraceparentAndRecordsTheRequestOnce() throws Exception {
        Span caller = Spans.open(UrlConnectionTest.class);
        HttpURLConnection c = open("/models/7?key=s3cr3t");
        try {
            assertEquals(200, c.getResponseCode());
            try (InputStream in = c.getInputStream()) {
                assertEquals("ok", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals("ok".length(), c.getContentLength());
        } finally {
            Spans.close(caller);
        }
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals("/models/7 00-" + e.traceId() + "-" + e.spanId() + "-01", server.next());
        assertEquals(caller.traceId(), e.traceId());
        assertEquals(caller.spanId(), e.parentSpanId());
        assertEquals("GET", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(server.base() + "/models/7", e.data().get(Attributes.URL_FULL));
        assertEquals("127.0.0.1", e.data().get(Attributes.SERVER_ADDRESS));
        assertEquals(server.port(), ((Number) e.data().get(Attributes.SERVER_PORT)).intValue());
        assertEquals(200, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertTrue(((Number) e.data().get(Attributes.DURATION_MS)).doubleValue() > 0);
        c.disconnect();
        Thread.sleep(200);
        assertEquals(1, events.ofType(ClientRequestEvents.REQUEST_EVENT).size());
    }

    @Test
    void aPostThroughGetOutputStreamIsOneRequestEndedByTheResponse() throws Exception {
        HttpURLConnection c = open("/upload");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(events.ofType(ClientRequestEvents.REQUEST_EVENT).isEmpty(), "no response read yet");
        assertEquals(200, c.getResponseCode());
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals("POST", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals("/upload 00-" + e.traceId() + "-" + e.spanId() + "-01", server.next());
    }

    @Test
    void anErrorStatusIsARequestNotAFailure() throws Exception {
        HttpURLConnection c = open("/missing");
        assertEquals(404, c.getResponseCode());
        assertThrows(IOException.class, c::getInputStream);
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals(404, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("404", e.data().get(Attributes.ERROR_TYPE));
        Thread.sleep(200);
        assertTrue(events.ofType(ClientRequestEvents.FAILED_EVENT).isEmpty());
        assertEquals(1, events.ofType(ClientRequestEvents.REQUEST_EVENT).size());
    }

    @Test
    void aFollowedRedirectIsOneRequest() throws Exception {
        HttpURLConnection c = open("/redirect");
        assertEquals(200, c.getResponseCode());
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        String tp = "00-" + e.traceId() + "-" + e.spanId() + "-01";
        assertEquals("/redirect " + tp, server.next());
        assertEquals("/landed " + tp, server.next());
        assertEquals(server.base() + "/redirect", e.data().get(Attributes.URL_FULL));
        Thread.sleep(200);
        assertEquals(1, events.ofType(ClientRequestEvents.REQUEST_EVENT).size());
    }

    @Test
    void aTraceparentTheCallerSetIsKept() throws Exception {
        String own = "00-11111111111111111111111111111111-2222222222222222-01";
        HttpURLConnection c = open("/x");
        c.setRequestProperty("traceparent", own);
        assertEquals(200, c.getResponseCode());
        assertEquals("/x " + own, server.next());
        assertEquals(1, events.await(ClientRequestEvents.REQUEST_EVENT, 1).size());
    }

    @Test
    void aRefusedConnectionIsAnErrorEvent() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + RecordingServer.closedPort() + "/")
                .openConnection();
        assertThrows(ConnectException.class, c::connect);
        List<TelemetryEvent> failed = events.await(ClientRequestEvents.FAILED_EVENT, 1);
        assertTrue(failed.get(0).isError());
        assertEquals(ConnectException.class.getName(), failed.get(0).errorType());
        TelemetryEvent request = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertNull(request.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
    }
}
