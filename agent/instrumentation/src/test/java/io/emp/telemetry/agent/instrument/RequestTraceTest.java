package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.instrument.http.server.PlainHttp;
import io.emp.telemetry.agent.instrument.http.server.ServerEvents;
import io.emp.telemetry.agent.instrument.redis.TestFunctions;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The acceptance case in one JVM: {@code POST /jobs} with an incoming traceparent, a servlet
 * that creates the job with FCALL. The request's own events (HTTP and FCALL) are all in the caller's
 * trace, and the FCALL's span is the request span's child.
 */
class RequestTraceTest {
    private static final String TRACE = "5bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "10f067aa0ba902b7";

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static RecordingSink events;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static Server server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        events = InstrumentedJvm.events();
        client = RedisClient.create(REDIS.uri());
        connection = client.connect();
        connection.sync().functionLoad(TestFunctions.LIBRARY, true);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new JobsServlet(connection.sync())), "/jobs/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        connection.close();
        client.shutdown(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void theRequestAndItsFunctionCallsAreInTheCallersTrace() throws IOException {
        events.clear();
        assertEquals(201, PlainHttp.request("POST", base + "/jobs", "00-" + TRACE + "-" + CALLER_SPAN + "-01"));

        TelemetryEvent request = events.await(ServerEvents.REQUEST, 1).get(0);
        assertEquals(TRACE, request.traceId());
        assertEquals(CALLER_SPAN, request.parentSpanId());
        List<TelemetryEvent> calls = events.await(e -> e.eventType().startsWith("redis_function."), 2,
                java.time.Duration.ofSeconds(5));
        for (TelemetryEvent call : calls) {
            assertEquals(TRACE, call.traceId(), call::toString);
            assertEquals(request.spanId(), call.parentSpanId(), call::toString);
        }
    }

    static final class JobsServlet extends HttpServlet {
        private final transient RedisCommands<String, String> redis;

        JobsServlet(RedisCommands<String, String> redis) {
            this.redis = redis;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
            redis.fcall("put_item", ScriptOutputType.MULTI, new String[] {"job:1"}, "pending", "echo");
            resp.setStatus(201);
        }
    }
}
