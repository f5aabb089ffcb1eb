package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.http.client.ClientRequestEvents;
import io.emp.telemetry.agent.instrument.http.client.RecordingServer;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequests;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apache HttpClient 5 async client against a real local server that reports the headers it got. */
class ApacheAsyncClientTest {
    private static RecordingSink events;
    private static RecordingServer server;
    private static CloseableHttpAsyncClient client;

    @BeforeAll
    static void start() throws IOException {
        events = InstrumentedJvm.events();
        server = new RecordingServer();
        client = HttpAsyncClients.createDefault();
        client.start();
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
    void executeCarriesTheClientSpansTraceparentAndRecordsTheCallWhenItCompletes() throws Exception {
        Span caller = Spans.open(ApacheAsyncClientTest.class);
        SimpleHttpResponse response;
        try {
            response = client.execute(SimpleHttpRequests.get(server.base() + "/models/7?key=s3cr3t"), null)
                    .get(5, TimeUnit.SECONDS);
        } finally {
            Spans.close(caller);
        }
        assertEquals(200, response.getCode());
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals("/models/7 00-" + e.traceId() + "-" + e.spanId() + "-01", server.next());
        assertEquals(caller.traceId(), e.traceId());
        assertEquals(caller.spanId(), e.parentSpanId());
        assertEquals("GET", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(server.base() + "/models/7", e.data().get(Attributes.URL_FULL));
        assertEquals(server.port(), ((Number) e.data().get(Attributes.SERVER_PORT)).intValue());
        assertEquals(200, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
    }

    @Test
    void theApplicationsCallbackStillRunsAndAnErrorStatusIsNoFailure() throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        SimpleHttpRequest post = SimpleHttpRequests.post(server.base() + "/missing");
        client.execute(post, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse result) {
                seen.complete(result.getCode());
            }

            @Override
            public void failed(Exception ex) {
                seen.completeExceptionally(ex);
            }

            @Override
            public void cancelled() {
                seen.cancel(false);
            }
        });
        assertEquals(404, seen.get(5, TimeUnit.SECONDS));
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals("POST", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(404, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("404", e.data().get(Attributes.ERROR_TYPE));
        assertTrue(events.ofType(ClientRequestEvents.FAILED_EVENT).isEmpty());
    }

    @Test
    void aRedirectIsOneCallWhoseRequestsAllCarryTheTraceparent() throws Exception {
        assertEquals(200, client.execute(SimpleHttpRequests.get(server.base() + "/redirect"), null)
                .get(5, TimeUnit.SECONDS).getCode());
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        String tp = "00-" + e.traceId() + "-" + e.spanId() + "-01";
        assertEquals("/redirect " + tp, server.next());
        assertEquals("/landed " + tp, server.next());
        assertEquals(server.base() + "/redirect", e.data().get(Attributes.URL_FULL));
        Thread.sleep(200);
        assertEquals(1, events.ofType(ClientRequestEvents.REQUEST_EVENT).size());
    }

    @Test
    void aFailedCallIsAnErrorEvent() throws Exception {
        SimpleHttpRequest get = SimpleHttpRequests.get("http://127.0.0.1:" + RecordingServer.closedPort() + "/");
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> client.execute(get, null).get(5, TimeUnit.SECONDS));
        assertTrue(thrown.getCause() instanceof ConnectException, thrown::toString);

        List<TelemetryEvent> failed = events.await(ClientRequestEvents.FAILED_EVENT, 1);
        assertTrue(failed.get(0).isError());
        assertEquals(thrown.getCause().getClass().getName(), failed.get(0).errorType());
        TelemetryEvent request = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertNull(request.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
    }
}
