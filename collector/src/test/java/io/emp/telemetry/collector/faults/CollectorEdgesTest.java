package io.emp.telemetry.collector.faults;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.alert.Alert;
import io.emp.telemetry.collector.alert.WebhookSender;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.CollectorJvm;
import io.emp.telemetry.collector.support.LogCapture;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13, "collector edges": what made the collector crash, exit or print a secret at start-up. */
class CollectorEdgesTest {
    private static final String TOKEN = "sk-very-secret-token-4711";
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.withPassword("edge-redis-pw-0815");
    @TempDir
    Path dir;

    @Test
    void maxlenZeroMeansNoCapAsInTheAgent() {
        CollectorConfig c = new TestConfig(REDIS.uriWithPassword()).set("EMP_EVENTS_MAXLEN", "0").set("EMP_ERRORS_MAXLEN", "0").build();
        assertEquals(0, c.events().maxLen());
        assertEquals(Long.MAX_VALUE, c.events().lagLimit(0.8), "no lag warning without a cap");
    }

    @Test
    void webhookUrlsOtherThanHttpAreOneConfigurationErrorWithoutTheUrl() {
        for (String bad : new String[]{"file:///etc/passwd?" + TOKEN, "ftp://hooks.example.com/" + TOKEN, "http:///" + TOKEN,
                "https://hooks example.com/" + TOKEN}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new TestConfig(REDIS.uriWithPassword()).set("EMP_COLLECTOR_ALERTS_WEBHOOK_URL", bad).build(), bad);
            assertTrue(e.getMessage().startsWith("environment variable EMP_COLLECTOR_ALERTS_WEBHOOK_URL: "), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        }
        assertEquals("https://hooks.example.com/emp", new TestConfig(REDIS.uriWithPassword())
                .set("EMP_COLLECTOR_ALERTS_WEBHOOK_URL", "https://hooks.example.com/emp").build().alerts().webhookUrl());
    }

    @Test
    void aWebhookThatCannotBeCalledIsLoggedAndCountedNeverAStoppedThread() throws Exception {
        try (LogCapture logs = new LogCapture(); WebhookSender sender = new WebhookSender(URI.create("file:///tmp/hook"), 10)) {
            for (int i = 0; i < 3; i++) sender.send(new Alert(Alert.ERROR_BURST, "svc", "E", 1, 60_000, "m", "", 0));
            Await.until(Duration.ofSeconds(5), () -> sender.dropped() == 3, () -> "dropped " + sender.dropped());
            Await.until(Duration.ofSeconds(5), () -> logs.lines().stream().filter(l -> l.contains("not delivered to the webhook")).count() == 3,
                    () -> logs.lines().toString());
        }
    }

    /** Two collectors with default settings on one host: the second takes the next port and says so. */
    @Test
    void aSecondCollectorOnTheHostTakesTheNextHealthPort() throws Exception {
        int port = CollectorJvm.freePort();
        TestConfig config = new TestConfig(REDIS.uriWithPassword()).set("EMP_EXPORTERS", "file")
                .set("EMP_COLLECTOR_FILE_PATH", dir.resolve("e.jsonl").toString()).set("EMP_COLLECTOR_HEALTH_PORT", Integer.toString(port));
        try (LogCapture logs = new LogCapture(); Collector first = Collector.start(config.build());
             Collector second = Collector.start(config.build())) {
            assertEquals(port, first.healthPort());
            assertTrue(second.healthPort() > port && second.healthPort() < port + 10, "port " + second.healthPort());
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARNING health port " + port) && l.contains("port " + second.healthPort())),
                    logs.lines().toString());
            assertEquals(200, status(second.healthPort()));
        }
    }

    /** Redis not there yet: the collector waits with back-off, /health answers 503, and it starts once Redis does. */
    @Test
    void redisUnreachableAtStartIsWaitedForWithHealth503() throws Exception {
        int port = CollectorJvm.freePort();
        Path file = dir.resolve("late.jsonl");
        REDIS.stop();
        CompletableFuture<Collector> starting;
        try (LogCapture logs = new LogCapture()) {
            starting = CompletableFuture.supplyAsync(() -> Collector.start(new TestConfig(REDIS.uriWithPassword())
                    .set("EMP_EXPORTERS", "file").set("EMP_COLLECTOR_FILE_PATH", file.toString())
                    .set("EMP_COLLECTOR_HEALTH_PORT", Integer.toString(port)).build()));
            Await.until(Duration.ofSeconds(10), () -> status(port) == 503, () -> "health " + status(port));
            Thread.sleep(1500);
            assertFalse(starting.isDone(), "still waiting, not failed");
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARNING Redis at redis://127.0.0.1:" + REDIS.port())
                    && l.contains("unreachable") && !l.contains(" | ")), "one line, no stack trace: " + logs.lines());
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("edge-redis-pw-0815")));
        } finally {
            REDIS.start();
        }
        try (Collector collector = starting.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
            RedisClient client = RedisClient.create(REDIS.uriWithPassword());
            try {
                TestEvents.xadd(client.connect().sync(), StreamDefaults.EVENTS_STREAM, TestEvents.event("job.completed", "w").build());
            } finally {
                client.shutdown();
            }
            Await.until(Duration.ofSeconds(20), () -> lines(file) >= 1, () -> "not exported");
            Await.until(Duration.ofSeconds(10), () -> status(port) == 200, () -> "health " + status(port));
        }
    }

    /** A malformed OTEL_EXPORTER_OTLP_HEADERS: one configuration error, and the token appears nowhere. */
    @Test
    void aMalformedOtlpHeaderNeverShowsItsToken() {
        try (LogCapture logs = new LogCapture()) {
            ConfigException e = assertThrows(ConfigException.class, () -> Collector.start(new TestConfig(REDIS.uriWithPassword())
                    .set("EMP_EXPORTERS", "otlp").set("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1")
                    .set("OTEL_EXPORTER_OTLP_HEADERS", "Authorization Bearer " + TOKEN).build()));
            assertTrue(e.getMessage().contains("OTEL_EXPORTER_OTLP_HEADERS"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains(TOKEN)), logs.lines().toString());
        }
    }

    /** Whatever a library puts in a log record or exception, the registered secrets and URL credentials are masked. */
    @Test
    void logOutputIsMaskedStackTracesIncluded() throws Exception {
        Path log = dir.resolve("collector.log");
        java.util.logging.FileHandler handler = new java.util.logging.FileHandler(log.toString());
        handler.setFormatter(new java.util.logging.SimpleFormatter());
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try (Collector c = Collector.start(new TestConfig(REDIS.uriWithPassword()).set("EMP_EXPORTERS", "file")
                .set("EMP_COLLECTOR_FILE_PATH", dir.resolve("m.jsonl").toString())
                .set("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer " + TOKEN).build())) {
            Logger.getLogger("some.library").log(Level.WARNING, "connect to redis://:edge-redis-pw-0815@10.0.0.1:6379 failed",
                    new IllegalStateException("headers were Authorization=Bearer " + TOKEN));
        } finally {
            root.removeHandler(handler);
            handler.close();
        }
        String text = Files.readString(log);
        assertTrue(text.contains("connect to redis://[REDACTED]@10.0.0.1:6379 failed"), text);
        assertTrue(text.contains("IllegalStateException"), text);
        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.contains("edge-redis-pw-0815"), text);
    }

    private static int status(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (Exception e) {
            return -1;
        }
    }
}
