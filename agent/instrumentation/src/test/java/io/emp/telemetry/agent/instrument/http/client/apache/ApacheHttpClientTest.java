package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.http.client.ClientRequestEvents;
import io.emp.telemetry.agent.instrument.http.client.RecordingServer;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apache HttpClient 5 (classic) against a real local server that reports the headers it got. */
class ApacheHttpClientTest {
    private static RecordingSink events;
    private static RecordingServer server;
    private static CloseableHttpClient client;

    @BeforeAll
    static void start() throws IOException {
        events = InstrumentedJvm.events();
        server = new RecordingServer();
        client = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        server.close();
    }

    @BeforeEach
    void clear() {
        events.clear();
        server.clear();
    }

    @Test
    void executeCarriesTheClientSpansTraceparentAndRecordsTheCall() throws Exception {
        Span caller = Spans.open(ApacheHttpClientTest.class);
        try {
            String body = client.execute(new HttpGet(server.base() + "/models/7?key=s3cr3t"),
                    response -> EntityUtils.toString(response.getEntity()));
            assertEquals("ok", body);
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
        assertNull(e.data().get(Attributes.ERROR_TYPE));
        assertTrue(((Number) e.data().get(Attributes.DURATION_MS)).doubleValue() > 0);
    }

    @Test
    void anErrorStatusIsARequestNotAFailure() throws Exception {
        HttpPost post = new HttpPost(server.base() + "/missing");
        post.setEntity(new StringEntity("{}"));
        try (CloseableHttpResponse response = client.execute(post)) {
            assertEquals(404, response.getCode());
        }
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals("POST", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(404, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("404", e.data().get(Attributes.ERROR_TYPE));
        assertTrue(events.ofType(ClientRequestEvents.FAILED_EVENT).isEmpty());
    }

    @Test
    void aRedirectIsOneCallWhoseRequestsAllCarryTheTraceparent() throws Exception {
        try (CloseableHttpResponse response = client.execute(new HttpGet(server.base() + "/redirect"))) {
            assertEquals(200, response.getCode());
            EntityUtils.consume(response.getEntity());
        }
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        String tp = "00-" + e.traceId() + "-" + e.spanId() + "-01";
        assertEquals("/redirect " + tp, server.next());
        assertEquals("/landed " + tp, server.next());
        assertEquals(server.base() + "/redirect", e.data().get(Attributes.URL_FULL));
        Thread.sleep(200);
        assertEquals(1, events.ofType(ClientRequestEvents.REQUEST_EVENT).size(), () -> events.ofType(ClientRequestEvents.REQUEST_EVENT).toString());
    }

    @Test
    void aRelativeRequestTakesItsHostFromTheTarget() throws Exception {
        try (CloseableHttpResponse response = client.execute(new HttpHost("http", "127.0.0.1", server.port()),
                new HttpGet("/relative?q=1"))) {
            assertEquals(200, response.getCode());
            EntityUtils.consume(response.getEntity());
        }
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals(server.base() + "/relative", e.data().get(Attributes.URL_FULL));
        assertTrue(server.next().startsWith("/relative 00-" + e.traceId()));
    }

    @Test
    void aTraceparentTheCallerSetIsKept() throws Exception {
        String own = "00-11111111111111111111111111111111-2222222222222222-01";
        HttpGet get = new HttpGet(server.base() + "/x");
        get.setHeader("traceparent", own);
        try (CloseableHttpResponse response = client.execute(get)) {
            EntityUtils.consume(response.getEntity());
        }
        assertEquals("/x " + own, server.next());
        assertEquals(1, events.await(ClientRequestEvents.REQUEST_EVENT, 1).size());
    }

    @Test
    void aFailedCallIsAnErrorEvent() throws Exception {
        HttpGet get = new HttpGet("http://127.0.0.1:" + RecordingServer.closedPort() + "/");
        IOException thrown = assertThrows(IOException.class, () -> client.execute(get).close());
        assertTrue(thrown instanceof ConnectException, thrown::toString);

        List<TelemetryEvent> failed = events.await(ClientRequestEvents.FAILED_EVENT, 1);
        assertTrue(failed.get(0).isError());
        assertEquals(thrown.getClass().getName(), failed.get(0).errorType());
        TelemetryEvent request = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertNull(request.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(thrown.getClass().getName(), request.data().get(Attributes.ERROR_TYPE));
    }
}
