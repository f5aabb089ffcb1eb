package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** javax.servlet (Servlet 4) in a real embedded Tomcat 9: the same events as Jakarta. */
class JavaxServletTest {
    @TempDir
    static Path baseDir;

    private static RecordingSink events;
    private static Tomcat tomcat;
    private static String base;

    @BeforeAll
    static void startTomcat() throws LifecycleException {
        events = InstrumentedJvm.events();
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("/shop", baseDir.toString());
        Tomcat.addServlet(context, "orders", new OrdersServlet());
        context.addServletMappingDecoded("/orders/*", "orders");
        tomcat.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/shop";
    }

    @AfterAll
    static void stopTomcat() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    void aRequestIsOneEventWithRouteAndContinuedTrace() throws IOException {
        assertEquals(200, PlainHttp.request("GET", base + "/orders/3?session=abc",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        List<TelemetryEvent> requests = events.await(ServerEvents.REQUEST, 1);
        TelemetryEvent e = requests.get(0);
        assertEquals("/shop/orders/3", e.data().get(Attributes.URL_PATH));
        assertEquals("/shop/orders/*", e.data().get(Attributes.HTTP_ROUTE));
        assertEquals(200, e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
        assertEquals("0af7651916cd43dd8448eb211c80319c", e.traceId());
        assertEquals("b7ad6b7169203331", e.parentSpanId());
        assertEquals(1, events.ofType(ServerEvents.REQUEST).size());
    }

    @Test
    void aThrowingServletIsAnApiError() throws IOException {
        assertEquals(500, PlainHttp.request("DELETE", base + "/orders/3", null));

        TelemetryEvent error = events.await(ServerEvents.ERROR, 1).get(0);
        assertTrue(error.isError());
        assertEquals(IllegalArgumentException.class.getName(), error.errorType());
        assertEquals("DELETE", error.data().get(Attributes.HTTP_REQUEST_METHOD));
        assertEquals(500, events.await(ServerEvents.REQUEST, 1).get(0).data().get(Attributes.HTTP_RESPONSE_STATUS_CODE),
                "nothing was sent: the container answers 500");
    }

    @Test
    void aServletThatThrowsAfterCommittingKeepsTheStatusSent() {
        CutShortResponse.assertRecordedWithStatusSent(events, "PUT", base + "/orders/3", 202);
    }

    static final class OrdersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("order");
        }

        @Override
        protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setStatus(202);
            resp.setContentLength(10);
            resp.getOutputStream().write(new byte[]{'p', 'a', 'r'});
            resp.flushBuffer();
            throw new IllegalStateException("lost the rest");
        }

        @Override
        protected void doDelete(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalArgumentException("orders cannot be deleted");
        }
    }
}
