package io.emp.telemetry.collector.cli;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The console inside {@code run} waits for a Redis that is down at start instead of failing the collector. */
class ConsoleStarterTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void theConsoleComesUpOnceRedisAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(new TestConfig(REDIS.uri()).env());
        env.put("EMP_COLLECTOR_CONSOLE_ENABLED", "true");
        env.put("EMP_COLLECTOR_CONSOLE_PORT", Integer.toString(port));
        CollectorConfig collector = CollectorConfig.load(null, Map.of(), env);
        ConsoleConfig console = ConsoleConfig.load(null, Map.of(), env);
        REDIS.stop();
        boolean restarted = false;
        try (ConsoleStarter starter = ConsoleStarter.start(collector, console)) {
            Thread.sleep(1000);
            assertEquals(-1, status(port), "no console while Redis is down");
            REDIS.start();
            restarted = true;
            Await.until(Duration.ofSeconds(20), () -> status(port) == 200, () -> "console not up after Redis came back");
        } finally {
            if (!restarted) REDIS.start();
        }
        assertEquals(-1, status(port), "closed with the collector");
    }

    private static int status(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
