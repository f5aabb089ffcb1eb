package io.emp.sample.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.sample.jobs.JobJson;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** While Redis is away the API says so (503) instead of hanging, and recovers when it is back. */
class ApiServerRedisOutageTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void redisOutageGives503ThenRecovers() throws Exception {
        assumeTrue(REDIS.canRestart(), "needs a Redis the test may stop");
        try (ApiServer server = new ApiServer(new ApiConfig("127.0.0.1", 0, REDIS.uri()))) {
            String base = "http://127.0.0.1:" + server.start();
            assertEquals(200, get(base + "/health").statusCode());

            REDIS.stop();
            HttpResponse<String> down = awaitStatus(base + "/health", 503);
            assertEquals("down", JobJson.MAPPER.readTree(down.body()).get("redis").asText());
            assertEquals(503, post(base + "/jobs", "{\"type\":\"echo\"}").statusCode());

            REDIS.start();
            awaitStatus(base + "/health", 200);
            // The restarted server lost the function library; the API reloads it on "function not found".
            HttpResponse<String> created = post(base + "/jobs", "{\"type\":\"echo\"}");
            assertEquals(201, created.statusCode());
            JsonNode job = JobJson.MAPPER.readTree(created.body());
            assertEquals("pending", job.get("status").asText());
        }
    }

    private static HttpResponse<String> awaitStatus(String url, int status) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        HttpResponse<String> response = get(url);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get(url);
        }
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
