package io.emp.sample.worker.connector;

import com.sun.net.httpserver.HttpServer;
import io.emp.sample.jobs.JobJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The llm connector against a real local HTTP server shaped like the sample's AI stand-in. */
class LlmConnectorTest {
    private static HttpServer server;
    private static final BlockingQueue<Map<String, Object>> RECEIVED = new LinkedBlockingQueue<>();
    private static LlmConnector connector;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", exchange -> {
            Map<String, Object> request = JobJson.readObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            RECEIVED.add(request);
            boolean overloaded = String.valueOf(request.get("prompt")).contains("[503]");
            byte[] body = JobJson.write(overloaded ? Map.of("error", "model overloaded")
                    : Map.of("id", "cmpl-1", "model", request.get("model"),
                    "choices", List.of(Map.of("index", 0, "text", "an answer", "finish_reason", "stop"))))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(overloaded ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        connector = new LlmConnector("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void postsThePromptAndReturnsTheCompletion() throws Exception {
        ConnectorResult result = connector.processJob(
                TestJobs.claimed("j1", "llm", 1, Map.of("prompt", "name a lighthouse", "model", "m-7")), (p, m) -> { });
        assertEquals(Map.of("model", "m-7", "prompt", "name a lighthouse"), RECEIVED.poll(5, TimeUnit.SECONDS));
        assertEquals(Map.of("completion", "an answer", "model", "m-7", "completionId", "cmpl-1"), result.getOutput());
        assertEquals(1, result.getCredits());
    }

    @Test
    void aServerErrorIsAnUpstreamFailureWithItsStatus() {
        UpstreamServiceException e = assertThrows(UpstreamServiceException.class, () -> connector.processJob(
                TestJobs.claimed("j2", "llm", 2, Map.of("prompt", "[503] please")), (p, m) -> { }));
        assertEquals(503, e.getStatusCode());
        assertEquals("AI service answered HTTP 503 on attempt 2", e.getMessage());
    }

    @Test
    void noAnswerIsTheClientsIoException() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LlmConnector unreachable = new LlmConnector("http://127.0.0.1:" + closedPort);
        assertThrows(ConnectException.class, () -> unreachable.processJob(
                TestJobs.claimed("j3", "llm", 1, Map.of("prompt", "hello")), (p, m) -> { }));
    }

    @Test
    void aPromptIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> connector.processJob(
                TestJobs.claimed("j4", "llm", 1, Map.of()), (p, m) -> { }));
    }
}
