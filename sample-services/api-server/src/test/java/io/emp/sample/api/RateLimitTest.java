package io.emp.sample.api;

import io.emp.sample.jobs.JobJson;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API_RATE_LIMIT: job submissions beyond the limit are answered 429 with Retry-After; off by default. */
class RateLimitTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void submissionsBeyondTheLimitAre429AndTheBucketRefills() throws Exception {
        try (ApiServer server = new ApiServer(new ApiConfig("127.0.0.1", 0, REDIS.uri(), 2))) {
            String base = "http://127.0.0.1:" + server.start();
            int created = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                HttpResponse<String> response = post(base);
                if (response.statusCode() == 201) created++;
                else refused = response;
            }
            assertTrue(refused != null, "10 submissions at once exceed 2 per second");
            assertEquals(429, refused.statusCode());
            assertTrue(created >= 2 && created <= 3, "a burst of one second's worth: " + created);
            assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertTrue(JobJson.MAPPER.readTree(refused.body()).get("error").asText().contains("too many"));
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "only submissions are limited");

            Thread.sleep(1_100);
            assertEquals(201, post(base).statusCode(), "the bucket refills");
        }
    }

    @Test
    void offByDefaultAndConfigurable() {
        assertEquals(0, ApiConfig.fromEnv(Map.of()).rateLimitPerSecond());
        assertEquals(50, ApiConfig.fromEnv(Map.of("API_RATE_LIMIT", "50")).rateLimitPerSecond());
        assertThrows(IllegalArgumentException.class, () -> ApiConfig.fromEnv(Map.of("API_RATE_LIMIT", "lots")));
        assertThrows(IllegalArgumentException.class, () -> ApiConfig.fromEnv(Map.of("API_RATE_LIMIT", "-1")));
    }

    private static HttpResponse<String> post(String base) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"echo\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
