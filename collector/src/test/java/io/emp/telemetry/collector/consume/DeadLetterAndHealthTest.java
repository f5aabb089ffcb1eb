package io.emp.telemetry.collector.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.health.Heartbeat;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and undeliverable entries go to the dead-letter stream, the collector keeps going; /health and /metrics answer. */
class DeadLetterAndHealthTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    @TempDir
    Path dir;

    @Test
    void poisonEntriesAreDeadLetteredAndGoodOnesExported() throws Exception {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            String events = StreamDefaults.EVENTS_STREAM;
            redis.xgroupCreate(XReadArgs.StreamOffset.from(events, "0"), StreamDefaults.EVENTS_GROUP, XGroupCreateArgs.Builder.mkstream());
            // An entry a consumer that keeps dying has been handed 6 times.
            String poison = TestEvents.xadd(redis, events, TestEvents.event("job.claimed", "worker").build());
            Consumer<String> ghost = Consumer.from(StreamDefaults.EVENTS_GROUP, "ghost");
            redis.xreadgroup(ghost, XReadArgs.StreamOffset.lastConsumed(events));
            for (int i = 0; i < 5; i++) redis.xclaim(events, ghost, 0, poison);

            String notOurs = redis.xadd(events, Map.of("hello", "world"));
            Map<String, String> badJson = new HashMap<>(EventCodec.encode(TestEvents.event("job.created", "api-server").build()));
            badJson.put("data", "{not json");
            String badData = redis.xadd(events, badJson);
            for (int i = 0; i < 10; i++) TestEvents.xadd(redis, events, TestEvents.event("job.completed", "worker").jobId("ok-" + i).build());

            Path file = dir.resolve("telemetry/events.jsonl");
            TestConfig config = new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                    .set("EMP_COLLECTOR_FILE_PATH", file.toString()).set("EMP_COLLECTOR_MAX_DELIVERIES", "5");
            try (Collector collector = Collector.start(config.build())) {
                Await.until(Duration.ofSeconds(20), () -> redis.xlen("emp:deadletter") == 3,
                        () -> "dead letters=" + redis.xlen("emp:deadletter"));
                Map<String, Map<String, String>> dead = new HashMap<>();
                for (StreamMessage<String, String> m : redis.xrange("emp:deadletter", io.lettuce.core.Range.create("-", "+"))) {
                    dead.put(m.getBody().get(DeadLetters.SOURCE_ID), m.getBody());
                }
                assertTrue(dead.get(notOurs).get(DeadLetters.REASON).startsWith("malformed: missing field"));
                assertEquals("world", dead.get(notOurs).get("hello"), "original fields are kept");
                assertTrue(dead.get(badData).get(DeadLetters.REASON).contains("'data' is not a JSON object"));
                assertTrue(dead.get(poison).get(DeadLetters.REASON).startsWith("delivered 7 times"), dead.get(poison).toString());
                assertEquals(events, dead.get(poison).get(DeadLetters.SOURCE_STREAM));

                Await.until(Duration.ofSeconds(10), () -> lines(file) == 10, () -> "lines=" + lines(file));
                Await.until(Duration.ofSeconds(10), () -> redis.xpending(events, StreamDefaults.EVENTS_GROUP).getCount() == 0,
                        () -> "pending=" + redis.xpending(events, StreamDefaults.EVENTS_GROUP));
                JsonNode line = new ObjectMapper().readTree(Files.readAllLines(file).get(0));
                assertEquals("job.completed", line.get("eventType").asText());
                assertEquals("ok-0", line.get("jobId").asText());

                // Still consuming after the poison.
                TestEvents.xadd(redis, events, TestEvents.event("job.completed", "worker").jobId("after").build());
                Await.until(Duration.ofSeconds(10), () -> lines(file) == 11, () -> "lines=" + lines(file));

                // The three dead letters reported (one or more telemetry.entries_lost events) and those reports exported.
                Await.until(Duration.ofSeconds(10), () -> reportedLost(file) == 3 && collector.stats().stream(events).exported.sum()
                        == 11 + lossReports(file), () -> "reported " + reportedLost(file));
                assertHealth(collector, lossReports(file));
                assertTrue(redis.pttl(Heartbeat.KEY_PREFIX + collector.consumerName()) > 0, "heartbeat with a TTL");
                Await.until(Duration.ofSeconds(5), () -> String.valueOf(11 + lossReports(file)).equals(redis.hget(Heartbeat.KEY_PREFIX + collector.consumerName(), "exported")),
                        () -> "heartbeat " + redis.hgetall(Heartbeat.KEY_PREFIX + collector.consumerName()));
            }
        } finally {
            client.shutdown();
        }
    }

    /** The collector's own telemetry.entries_lost reports of the dead letters are exported too (counted apart). */
    private static void assertHealth(Collector collector, long lossReports) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + collector.healthPort();
        Await.until(Duration.ofSeconds(10), () -> collector.stats().stream(StreamDefaults.EVENTS_STREAM).lag == 0,
                () -> "lag not measured yet");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        JsonNode h = new ObjectMapper().readTree(health.body());
        assertTrue(h.get("redisReachable").asBoolean());
        JsonNode stream = h.get("streams").get(StreamDefaults.EVENTS_STREAM);
        assertEquals(11 + lossReports, stream.get("exported").asLong());
        assertEquals(3, stream.get("lost").get("dead_lettered").asLong());
        assertEquals(3, stream.get("deadLettered").asLong());
        assertEquals(0, stream.get("lag").asLong());
        assertTrue(stream.has("oldestPendingMs") && stream.has("pending"));
        assertTrue(h.get("lastSuccessfulExport").asLong() > 0);
        assertTrue(h.get("exporters").has("file"));

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        List<String> lines = metrics.body().lines().toList();
        assertTrue(lines.contains("emp_collector_events_exported_total{stream=\"emp:events\"} " + (11 + lossReports)), metrics.body());
        assertTrue(lines.contains("emp_collector_entries_lost_total{stream=\"emp:events\",reason=\"dead_lettered\"} 3"), metrics.body());
        assertTrue(lines.contains("emp_collector_events_deadlettered_total{stream=\"emp:events\"} 3"), metrics.body());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("emp_collector_export_duration_seconds_count ")), metrics.body());
    }

    private static long reportedLost(Path file) {
        try {
            ObjectMapper json = new ObjectMapper();
            long sum = 0;
            for (String l : Files.readAllLines(file)) {
                if (l.contains(EventTypes.ENTRIES_LOST)) sum += json.readTree(l).get("data").get("lost").asLong();
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long lossReports(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.contains(EventTypes.ENTRIES_LOST)).count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Exported application events (the collector's own loss reports left out). */
    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.contains(EventTypes.ENTRIES_LOST)).count() : 0;
        } catch (Exception e) {
            return -1;
        }
    }
}
