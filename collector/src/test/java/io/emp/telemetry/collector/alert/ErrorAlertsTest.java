package io.emp.telemetry.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts fire on a burst of errors and on a new error type, not on normal traffic; the webhook is retried. */
class ErrorAlertsTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    @TempDir
    Path dir;

    @Test
    void burstAndNewTypeAlertButNormalTrafficDoesNot() throws Exception {
        List<JsonNode> hooks = new CopyOnWriteArrayList<>();
        AtomicInteger hookRequests = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        hook.createContext("/alerts", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                // The first delivery fails: the sender must retry.
                if (hookRequests.incrementAndGet() == 1) {
                    ex.sendResponseHeaders(500, -1);
                    return;
                }
                hooks.add(new ObjectMapper().readTree(body));
                ex.sendResponseHeaders(204, -1);
            }
        });
        hook.start();
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            redis.sadd("emp:alerts:error-types", "java.io.IOException");
            TestConfig config = new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                    .set("EMP_COLLECTOR_FILE_PATH", dir.resolve("events.jsonl").toString())
                    .set("EMP_COLLECTOR_ALERTS_ERRORS_PER_MINUTE", "10")
                    .set("EMP_COLLECTOR_ALERTS_SERVICE_ERRORS_PER_MINUTE", "5")
                    .set("EMP_COLLECTOR_ALERTS_WEBHOOK_URL", "http://127.0.0.1:" + hook.getAddress().getPort() + "/alerts");
            try (Collector collector = Collector.start(config.build())) {
                // Normal traffic: many events, a few errors of a known type.
                for (int i = 0; i < 100; i++) TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.completed", "worker").build());
                for (int i = 0; i < 3; i++) TestEvents.xadd(redis, StreamDefaults.ERRORS_STREAM, error("worker", "java.io.IOException"));
                awaitExported(collector, 100, 3);
                assertEquals(0, redis.xlen("emp:alerts"), "no alert on normal traffic");

                // A type never seen before: one alert, not one per occurrence.
                TestEvents.xadd(redis, StreamDefaults.ERRORS_STREAM, error("api-server", "com.acme.QuotaExceeded"));
                TestEvents.xadd(redis, StreamDefaults.ERRORS_STREAM, error("api-server", "com.acme.QuotaExceeded"));
                awaitExported(collector, 100, 5);
                assertEquals(List.of("new_error_type"), alertTypes(redis));

                // A burst in one service: over 5 for the service, over 10 overall, each alerted once.
                for (int i = 0; i < 12; i++) TestEvents.xadd(redis, StreamDefaults.ERRORS_STREAM, error("worker", "java.io.IOException"));
                awaitExported(collector, 100, 17);
                List<String> types = alertTypes(redis);
                assertEquals(3, types.size(), types.toString());
                assertTrue(types.containsAll(List.of("new_error_type", "service_error_burst", "error_burst")), types.toString());
                StreamMessage<String, String> serviceBurst = redis.xrange("emp:alerts", Range.create("-", "+")).stream()
                        .filter(m -> m.getBody().get("type").equals("service_error_burst")).findFirst().orElseThrow();
                assertEquals("worker", serviceBurst.getBody().get("service"));

                Await.until(Duration.ofSeconds(15), () -> hooks.size() == 3, () -> "webhook got " + hooks);
                assertTrue(hookRequests.get() >= 4, "the failed delivery was retried");
                assertEquals(3, collector.stats().alerts());
            }
        } finally {
            hook.stop(0);
            client.shutdown();
        }
    }

    private static io.emp.telemetry.schema.TelemetryEvent error(String service, String type) {
        return TestEvents.event("job.failed", service).errorType(type).errorMessage("boom").build();
    }

    private static void awaitExported(Collector c, long events, long errors) {
        Await.until(Duration.ofSeconds(15), () -> c.stats().stream(StreamDefaults.EVENTS_STREAM).exported.sum() == events
                        && c.stats().stream(StreamDefaults.ERRORS_STREAM).exported.sum() == errors,
                () -> "exported events=" + c.stats().stream(StreamDefaults.EVENTS_STREAM).exported.sum()
                        + " errors=" + c.stats().stream(StreamDefaults.ERRORS_STREAM).exported.sum());
    }

    private static List<String> alertTypes(RedisCommands<String, String> redis) {
        return redis.xrange("emp:alerts", Range.create("-", "+")).stream().map(m -> m.getBody().get("type")).toList();
    }
}
