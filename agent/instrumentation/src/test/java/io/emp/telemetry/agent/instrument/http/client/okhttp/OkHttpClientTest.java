package io.emp.telemetry.agent.instrument.http.client.okhttp;

import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.http.client.ClientRequestEvents;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OkHttp 4 (the version this module compiles against) against a real local server that reports the
 * {@code traceparent} of every request it got. agent/it runs the oldest 3.x and newest 5.x in
 * forked JVMs against the packaged agent.
 */
class OkHttpClientTest {
    private static RecordingSink events;
    private static HttpServer server;
    private static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        events = InstrumentedJvm.events();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String tp = exchange.getRequestHeaders().getFirst("traceparent");
            RECEIVED.add(exchange.getRequestURI().getPath() + " " + (tp == null ? "none" : tp));
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/final");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(path.equals("/missing") ? 404 : path.equals("/down") ? 503 : 200, -1);
            }
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

    private static OkHttpClient client() {
        return new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void executeCarriesTheClientSpansTraceparentAndRecordsTheCall() throws Exception {
        OkHttpClient client = client();
        Span caller = Spans.open(OkHttpClientTest.class);
        Request request = new Request.Builder().url(base + "/models/7?key=s3cr3t").header("Accept", "application/json").build();
        int status;
        try (Response response = client.newCall(request).execute()) {
            status = response.code();
            assertEquals("application/json", response.request().header("Accept"), "other headers are kept");
        } finally {
            Spans.close(caller);
        }
        assertEquals(200, status);

        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals("/models/7 00-" + e.traceId() + "-" + e.spanId() + "-01", RECEIVED.poll(5, TimeUnit.SECONDS));
        assertEquals(caller.traceId(), e.traceId());
        assertEquals(caller.spanId(), e.parentSpanId());
        assertEquals("GET", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(base + "/models/7", e.data().get(Attributes.URL_FULL));
        assertEquals("127.0.0.1", e.data().get(Attributes.SERVER_ADDRESS));
        assertEquals(server.getAddress().getPort(), e.data().get(Attributes.SERVER_PORT));
        assertEquals(200, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertNull(e.data().get(Attributes.ERROR_TYPE));
        assertTrue(((Number) e.data().get(Attributes.DURATION_MS)).doubleValue() > 0);
        assertNull(request.header("traceparent"), "the caller's request object is left as it was");
        assertTrue(client.interceptors().isEmpty() && client.networkInterceptors().isEmpty(),
                "the application's client is not changed");
    }

    @Test
    void enqueueEndsTheEventOnTheDispatcherThreadInTheCallersTrace() throws Exception {
        Span caller = Spans.open(OkHttpClientTest.class);
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try {
            client().newCall(new Request.Builder().url(base + "/missing")
                    .post(RequestBody.create("{}", MediaType.get("application/json"))).build()).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    done.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call call, Response response) {
                    response.close();
                    done.complete(response.code());
                }
            });
        } finally {
            Spans.close(caller);
        }
        assertEquals(404, done.get(5, TimeUnit.SECONDS));

        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals(caller.traceId(), e.traceId());
        assertEquals(caller.spanId(), e.parentSpanId());
        assertEquals("POST", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(404, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("404", e.data().get(Attributes.ERROR_TYPE));
        assertEquals("/missing 00-" + e.traceId() + "-" + e.spanId() + "-01", RECEIVED.poll(5, TimeUnit.SECONDS));
        assertTrue(events.ofType(ClientRequestEvents.FAILED_EVENT).isEmpty(), "a response is not a failure");
    }

    @Test
    void aRedirectFollowedInsideOkHttpIsOneCall() throws Exception {
        try (Response response = client().newCall(new Request.Builder().url(base + "/moved").build()).execute()) {
            assertEquals(200, response.code());
        }
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        String traceparent = "00-" + e.traceId() + "-" + e.spanId() + "-01";
        assertEquals("/moved " + traceparent, RECEIVED.poll(5, TimeUnit.SECONDS));
        assertEquals("/final " + traceparent, RECEIVED.poll(5, TimeUnit.SECONDS), "the follow-up carries the same span");
        assertEquals(base + "/moved", e.data().get(Attributes.URL_FULL));
        assertEquals(200, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        Thread.sleep(300);
        assertEquals(1, events.ofType(ClientRequestEvents.REQUEST_EVENT).size());
    }

    @Test
    void aServerErrorIsRecordedWithItsStatusAsErrorType() throws Exception {
        try (Response response = client().newCall(new Request.Builder().url(base + "/down").build()).execute()) {
            assertEquals(503, response.code());
        }
        TelemetryEvent e = events.await(ClientRequestEvents.REQUEST_EVENT, 1).get(0);
        assertEquals(503, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("503", e.data().get(Attributes.ERROR_TYPE));
    }

    @Test
    void aTraceparentTheCallerSetIsKept() throws Exception {
        String own = "00-11111111111111111111111111111111-2222222222222222-01";
        try (Response ignored = client().newCall(new Request.Builder().url(base + "/x").header("traceparent", own).build())
                .execute()) {
            assertEquals("/x " + own, RECEIVED.poll(5, TimeUnit.SECONDS));
        }
        assertEquals(1, events.await(ClientRequestEvents.REQUEST_EVENT, 1).size());
    }

    @Test
    void aFailedCallIsAnErrorEventSyncAndAsync() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        Request request = new Request.Builder().url("http://127.0.0.1:" + closedPort + "/").build();
        assertThrows(ConnectException.class, () -> client.newCall(request).execute());
        CompletableFuture<IOException> failed = new CompletableFuture<>();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                failed.complete(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                failed.complete(null);
            }
        });
        assertTrue(failed.get(5, TimeUnit.SECONDS) instanceof ConnectException);

        List<TelemetryEvent> errors = events.await(ClientRequestEvents.FAILED_EVENT, 2);
        for (TelemetryEvent error : errors) {
            assertTrue(error.isError());
            assertEquals(ConnectException.class.getName(), error.errorType());
        }
        List<TelemetryEvent> requests = events.await(ClientRequestEvents.REQUEST_EVENT, 2);
        for (TelemetryEvent r : requests) {
            assertEquals(ConnectException.class.getName(), r.data().get(Attributes.ERROR_TYPE));
            assertNull(r.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        }
    }

    @Test
    void aCallNeverExecutedRecordsNothing() throws Exception {
        client().newCall(new Request.Builder().url(base + "/never").build());
        Thread.sleep(300);
        assertTrue(events.ofType(ClientRequestEvents.REQUEST_EVENT).isEmpty());
        assertNull(RECEIVED.poll());
    }
}
