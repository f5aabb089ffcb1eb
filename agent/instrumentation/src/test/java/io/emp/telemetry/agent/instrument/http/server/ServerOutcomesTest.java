package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a request becomes by its path and status, on a real Jetty 12 with the agent's HTTP server instrumentation
 * (default health paths): health checks, 4xx rejections with their reason, 5xx errors.
 */
class ServerOutcomesTest {
    private static RecordingSink events;
    private static Server server;
    private static String base;
    private static final AtomicInteger HEALTH_STATUS = new AtomicInteger(200);

    @BeforeAll
    static void startJetty() throws Exception {
        events = InstrumentedJvm.events();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HealthServlet()), "/health");
        context.addServlet(new ServletHolder(new HealthServlet()), "/api/v1/readyz/");
        context.addServlet(new ServletHolder(new StatusServlet()), "/status/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.stop();
    }

    @BeforeEach
    void clear() {
        HEALTH_STATUS.set(200);
        events.clear();
    }

    @Test
    void aHealthRequestIsAHealthCheckInsteadOfARequest() throws IOException {
        assertEquals(200, PlainHttp.request("GET", base + "/health", null));

        TelemetryEvent check = events.await(ServerEvents.HEALTH_CHECK, 1).get(0);
        assertEquals(ServerEvents.HEALTHY, check.data().get(ServerEvents.HEALTH_STATUS));
        assertEquals(200, check.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("/health", check.data().get(Attributes.URL_PATH));
        assertEquals("GET", check.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertTrue(((Number) check.data().get(Attributes.DURATION_MS)).doubleValue() >= 0);
        assertFalse(check.isError());
        settle();
        assertEquals(List.of(ServerEvents.HEALTH_CHECK), types(), "one event for the request, not two");
    }

    @Test
    void aNestedHealthPathWithTrailingSlashIsOneToo() throws IOException {
        assertEquals(200, PlainHttp.request("GET", base + "/api/v1/readyz/", null));

        assertEquals("/api/v1/readyz/", events.await(ServerEvents.HEALTH_CHECK, 1).get(0).data().get(Attributes.URL_PATH));
        settle();
        assertTrue(events.ofType(ServerEvents.REQUEST).isEmpty());
    }

    @Test
    void anUnhealthyAnswerIsAFailingHealthCheckAndAnApiError() throws IOException {
        HEALTH_STATUS.set(503);
        assertEquals(503, PlainHttp.request("GET", base + "/health", null));

        TelemetryEvent check = events.await(ServerEvents.HEALTH_CHECK, 1).get(0);
        assertEquals(ServerEvents.UNHEALTHY, check.data().get(ServerEvents.HEALTH_STATUS));
        assertEquals(503, check.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        TelemetryEvent error = events.await(ServerEvents.ERROR, 1).get(0);
        assertTrue(error.isError());
        assertEquals("503", error.errorType());
        settle();
        assertTrue(events.ofType(ServerEvents.REQUEST).isEmpty());
        assertTrue(events.ofType(ServerEvents.REJECTED).isEmpty());
    }

    @Test
    void fourHundredsAreRejectionsWithTheirReasonOnTheEventsStream() throws IOException {
        int[] statuses = {400, 422, 401, 403, 404, 405, 413, 429, 418};
        String[] reasons = {"validation", "validation", "unauthenticated", "forbidden", "not_found",
                "method_not_allowed", "payload_too_large", "rate_limited", "client_error"};
        for (int i = 0; i < statuses.length; i++) {
            events.clear();
            assertEquals(statuses[i], PlainHttp.request("GET", base + "/status/" + statuses[i], null));

            TelemetryEvent rejected = events.await(ServerEvents.REJECTED, 1).get(0);
            assertEquals(reasons[i], rejected.data().get(ServerEvents.REASON), "reason of " + statuses[i]);
            assertEquals(statuses[i], rejected.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
            assertEquals("/status/" + statuses[i], rejected.data().get(Attributes.URL_PATH));
            assertEquals("/status/*", rejected.data().get(Attributes.HTTP_ROUTE));
            assertFalse(rejected.isError(), "a rejection goes to emp:events");
            TelemetryEvent request = events.await(ServerEvents.REQUEST, 1).get(0);
            assertEquals(request.spanId(), rejected.spanId(), "the rejection is the request's, in its span");
            assertFalse(request.data().containsKey(Attributes.ERROR_TYPE), "a 4xx is not a server error");
            settle();
            assertTrue(events.ofType(ServerEvents.ERROR).isEmpty(), "emp:errors only for 5xx: " + statuses[i]);
        }
    }

    @Test
    void successAndServerErrorsAreNoRejections() throws IOException {
        assertEquals(200, PlainHttp.request("GET", base + "/status/200", null));
        assertEquals(502, PlainHttp.request("GET", base + "/status/502", null));

        events.await(ServerEvents.REQUEST, 2);
        events.await(ServerEvents.ERROR, 1);
        settle();
        assertTrue(events.ofType(ServerEvents.REJECTED).isEmpty(), events.all().toString());
    }

    private static List<String> types() {
        return events.all().stream().map(TelemetryEvent::eventType).collect(Collectors.toList());
    }

    /** Anything else the request would emit has been sent by now: all its events are sent at its exit. */
    private static void settle() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class HealthServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setStatus(HEALTH_STATUS.get());
            resp.setContentType("application/json");
            resp.getWriter().write("{\"status\":\"" + (HEALTH_STATUS.get() == 200 ? "ok" : "down") + "\"}");
        }
    }

    /** Answers the status its path names: {@code /status/429}. */
    static final class StatusServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int status = Integer.parseInt(req.getPathInfo().substring(1));
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.getWriter().write("{}");
        }
    }
}
