package io.emp.sample.api;

import io.emp.telemetry.testing.ServiceProcess;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real entry point in its own JVM: configured by env, announces its port, stops cleanly on SIGTERM. */
class ApiServerMainTest {
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.withPassword("s3cret-pw");

    @Test
    void announcesPortServesAndStopsOnSigterm() throws Exception {
        try (ServiceProcess api = ServiceProcess.start(ApiServerMain.class.getName(),
                Map.of("API_PORT", "0", "REDIS_URL", REDIS.uriWithPassword()))) {
            Matcher listening = api.awaitLine("api-server listening on http://127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(20));
            String base = "http://127.0.0.1:" + listening.group(1);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());

            int exit = api.terminate(Duration.ofSeconds(15));
            assertEquals(143, exit, "exit status of a JVM ended by SIGTERM");
            assertTrue(api.output().contains("api-server stopped"), api.output());
            assertFalse(api.output().contains("s3cret-pw"), "the Redis password is never printed");
        }
    }

    @Test
    void badPortIsAClearErrorWithoutAStackTrace() throws Exception {
        try (ServiceProcess api = ServiceProcess.start(ApiServerMain.class.getName(),
                Map.of("API_PORT", "http", "REDIS_URL", REDIS.uriWithPassword()))) {
            assertEquals(2, api.awaitExit(Duration.ofSeconds(20)));
            assertEquals("api-server: API_PORT must be a number, got 'http'", api.output().strip());
        }
    }
}
