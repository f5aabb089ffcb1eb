package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real embedded Jetty 12 (ee10, Jakarta Servlet 6) with the agent's HTTP server instrumentation. */
class JakartaServletTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private static RecordingSink events;
    private static Server server;
    private static String base;

    @BeforeAll
    static void startJetty() throws Exception {
        events = InstrumentedJvm.events();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addServlet(new ServletHolder(new ItemsServlet()), "/items/*");
        context.addServlet(new ServletHolder(new FailingServlet()), "/boom");
        context.addServlet(new ServletHolder(new FailingAfterCommitServlet()), "/cut-short");
        context.addServlet(new ServletHolder(new ForwardingServlet()), "/old/*");
        context.addServlet(new ServletHolder(new ItemsServlet()), "/");
        // as Spring Boot's /error: the container dispatches the failure to an error page servlet
        // (DispatcherType.ERROR) after the failing request's service returned
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(500, "/error-page");
        context.setErrorHandler(errorPages);
        context.addServlet(new ServletHolder(new ErrorPageServlet()), "/error-page");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/app";
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.stop();
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    void getIsOneRequestEventWithSemanticConventionAttributes() throws IOException {
        assertEquals(200, PlainHttp.request("GET", base + "/items/42?token=s3cr3t", null));

        TelemetryEvent e = onlyRequest();
        assertEquals("GET", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals("/app/items/42", e.data().get(Attributes.URL_PATH), "path only: the query is never recorded");
        assertEquals("/app/items/*", e.data().get(Attributes.HTTP_ROUTE));
        assertEquals(200, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("127.0.0.1", e.data().get(Attributes.SERVER_ADDRESS));
        assertTrue(((Number) e.data().get(Attributes.DURATION_MS)).doubleValue() >= 0);
        assertFalse(e.toString().contains("s3cr3t"));
        assertTrue(events.ofType(ServerEvents.ERROR).isEmpty());
    }

    @Test
    void postAnswering201NeverRecordsTheBody() throws IOException {
        assertEquals(201, PlainHttp.request("POST", base + "/items", null));

        TelemetryEvent e = onlyRequest();
        assertEquals("POST", e.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(201, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertFalse(e.toString().contains("secret"));
    }

    @Test
    void aServletThatThrowsIs500AndAnApiError() throws IOException {
        assertEquals(500, PlainHttp.request("GET", base + "/boom", null));

        TelemetryEvent request = onlyRequest();
        assertEquals(500, request.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals(IllegalStateException.class.getName(), request.data().get(Attributes.ERROR_TYPE));
        TelemetryEvent error = events.await(ServerEvents.ERROR, 1).get(0);
        assertTrue(error.isError(), "goes to " + StreamDefaults.class.getSimpleName() + "' errors stream");
        assertEquals(IllegalStateException.class.getName(), error.errorType());
        assertEquals("inventory is down", error.errorMessage());
        assertTrue(error.errorStack().contains("FailingServlet"));
        assertEquals(request.spanId(), error.spanId());
        assertEquals("/app/boom", request.data().get(Attributes.URL_PATH), "the error page dispatch is no request of its own");
        assertEquals(1, events.ofType(ServerEvents.ERROR).size(), () -> "one api.error: " + events.ofType(ServerEvents.ERROR));
    }

    @Test
    void aServletThatThrowsAfterCommittingKeepsTheStatusSent() {
        CutShortResponse.assertRecordedWithStatusSent(events, "GET", base + "/cut-short", 200);
    }

    @Test
    void a5xxWithoutExceptionIsAnApiErrorToo() throws IOException {
        assertEquals(503, PlainHttp.request("GET", base + "/items/unavailable", null));

        assertEquals(503, onlyRequest().data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        TelemetryEvent error = events.await(ServerEvents.ERROR, 1).get(0);
        assertEquals("503", error.errorType());
        assertEquals("503", error.data().get(Attributes.ERROR_TYPE));
    }

    @Test
    void anIncomingTraceparentIsContinued() throws IOException {
        PlainHttp.request("GET", base + "/items/1", "00-" + TRACE + "-" + PARENT + "-01");

        TelemetryEvent e = onlyRequest();
        assertEquals(TRACE, e.traceId());
        assertEquals(PARENT, e.parentSpanId());
        assertNotEquals(PARENT, e.spanId());
    }

    @Test
    void withoutTraceparentEachRequestStartsATrace() throws IOException {
        PlainHttp.request("GET", base + "/items/1", null);
        PlainHttp.request("GET", base + "/items/2", "not-a-traceparent");

        List<TelemetryEvent> requests = events.await(ServerEvents.REQUEST, 2);
        assertNull(requests.get(0).parentSpanId());
        assertNull(requests.get(1).parentSpanId());
        assertNotEquals(requests.get(0).traceId(), requests.get(1).traceId());
        assertEquals(32, requests.get(0).traceId().length());
    }

    @Test
    void nestedServiceCallsAndForwardsAreOneRequest() throws IOException {
        // ForwardingServlet.service → HttpServlet.service → doGet → forward → ItemsServlet.service → doGet
        assertEquals(200, PlainHttp.request("GET", base + "/old/7", null));

        TelemetryEvent e = onlyRequest();
        assertEquals("/app/old/7", e.data().get(Attributes.URL_PATH));
        assertEquals("/app/old/*", e.data().get(Attributes.HTTP_ROUTE));
    }

    @Test
    void theDefaultServletsCatchAllIsNoRoute() throws IOException {
        assertEquals(200, PlainHttp.request("GET", base + "/anything/else", null));

        TelemetryEvent e = onlyRequest();
        assertEquals("/app/anything/else", e.data().get(Attributes.URL_PATH));
        assertFalse(e.data().containsKey(Attributes.HTTP_ROUTE));
    }

    private static TelemetryEvent onlyRequest() {
        events.await(ServerEvents.REQUEST, 1);
        // anything that would double it has run by now: the request event is sent at the outermost exit
        sleepQuietly(Duration.ofMillis(100));
        List<TelemetryEvent> requests = events.ofType(ServerEvents.REQUEST);
        assertEquals(1, requests.size(), () -> "one event per request: " + requests);
        return requests.get(0);
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class ItemsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if ("/unavailable".equals(req.getPathInfo())) {
                resp.sendError(503);
                return;
            }
            resp.setContentType("application/json");
            resp.getWriter().write("{\"id\":1}");
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getInputStream().readAllBytes();
            resp.setStatus(201);
        }
    }

    static final class ErrorPageServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("{\"error\":true}");
        }
    }

    static final class FailingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("inventory is down");
        }
    }

    /** Commits 200 with part of its body, then fails: the client has the 200 already. */
    static final class FailingAfterCommitServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentLength(10);
            resp.getOutputStream().write(new byte[]{'p', 'a', 'r'});
            resp.flushBuffer();
            throw new IllegalStateException("lost the rest");
        }
    }

    static final class ForwardingServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            super.service(req, resp);
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            req.getRequestDispatcher("/items" + req.getPathInfo()).forward(req, resp);
        }
    }
}
