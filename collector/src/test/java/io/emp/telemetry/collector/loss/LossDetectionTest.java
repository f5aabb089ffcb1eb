package io.emp.telemetry.collector.loss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.HttpOtlpReceiver;
import io.emp.telemetry.collector.support.LogCapture;
import io.emp.telemetry.collector.support.ReceivedTelemetry;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Entries the collector can never export are detected and reported four ways (metrics, /health,
 * a WARNING line with the count, a telemetry.entries_lost event): trimmed before the group read
 * them, gone in a Redis restarted empty, dead-lettered.
 */
class LossDetectionTest {
    private static final String EVENTS = StreamDefaults.EVENTS_STREAM;
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    @TempDir
    Path dir;
    private RedisClient client;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        REDIS.flushAll();
        client = RedisClient.create(REDIS.uri());
        redis = client.connect().sync();
    }

    @AfterEach
    void disconnect() {
        client.shutdown();
    }

    /** Issue 13: a collector stops, 3 000 events go into a stream trimmed to 1 000, the collector restarts. */
    @Test
    void entriesTrimmedWhileNoCollectorRanAreCountedOnceAndReported() throws Exception {
        Path file = dir.resolve("events.jsonl");
        TestConfig config = new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                .set("EMP_COLLECTOR_FILE_PATH", file.toString());
        try (Collector first = Collector.start(config.build())) {
            for (int i = 0; i < 10; i++) xadd("before-" + i, 0);
            Await.until(Duration.ofSeconds(10), () -> first.stats().stream(EVENTS).exported.sum() == 10, () -> "not exported");
        }
        for (int i = 0; i < 3000; i++) xadd("while-down-" + i, 1000);

        try (LogCapture logs = new LogCapture(); Collector second = Collector.start(config.build())) {
            Await.until(Duration.ofSeconds(20), () -> appLines(file) == 1010, () -> "lines=" + appLines(file));
            Await.until(Duration.ofSeconds(10), () -> lossEvents(file).size() == 1, () -> "loss events " + lossEvents(file));
            assertEquals(2000, second.stats().stream(EVENTS).lost(LossReason.TRIMMED_UNREAD.wire()).sum());

            JsonNode event = lossEvents(file).get(0);
            assertEquals(LossReporter.SERVICE, event.get("service").asText());
            assertEquals(2000, event.get("data").get("lost").asLong());
            assertEquals("trimmed_unread", event.get("data").get("reason").asText());
            assertEquals(EVENTS, event.get("data").get("stream").asText());
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARNING LOST 2000 entries of emp:events")), logs.lines().toString());

            assertEquals(2000, health(second).get("streams").get(EVENTS).get("lost").get("trimmed_unread").asLong());
            assertTrue(metrics(second).contains("emp_collector_entries_lost_total{stream=\"emp:events\",reason=\"trimmed_unread\"} 2000"));
            // The CLI sees it too, from Redis alone (and each collector's total from its heartbeat).
            Await.until(Duration.ofSeconds(10), () -> "2000".equals(redis.hget(
                    io.emp.telemetry.collector.health.Heartbeat.KEY_PREFIX + second.consumerName(), "lost")), () -> "heartbeat");
            java.io.StringWriter out = new java.io.StringWriter();
            var cli = io.emp.telemetry.collector.cli.CollectorCli.commandLine();
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.execute("health", "--redis", REDIS.uri());
            assertTrue(out.toString().contains("lost: 2000 entries trimmed before the collectors read them"), out.toString());
            assertTrue(out.toString().contains("lost 2000"), "the collector's heartbeat total: " + out);
            System.out.println("reliability trimmed-unread: emitted=3010 delivered=" + appLines(file) + " duplicated=0 lost-and-detected="
                    + second.stats().stream(EVENTS).lost(LossReason.TRIMMED_UNREAD.wire()).sum());
        }
        // A third life (or another instance) does not report the same entries again.
        try (Collector third = Collector.start(config.build())) {
            xadd("after", 0);
            Await.until(Duration.ofSeconds(10), () -> appLines(file) == 1011, () -> "lines=" + appLines(file));
            Thread.sleep(1500);
            assertEquals(0, third.stats().stream(EVENTS).lostTotal());
            assertEquals(1, lossEvents(file).size());
        }
    }

    /** Issue 13: Redis restarted empty while a collector runs, with entries it had not read yet. */
    @Test
    void aRedisRestartedEmptyIsReportedWithWhatWasUnread() throws Exception {
        ReceivedTelemetry received = new ReceivedTelemetry();
        received.refuseForever(true);
        try (HttpOtlpReceiver receiver = new HttpOtlpReceiver(received);
             LogCapture logs = new LogCapture();
             Collector collector = Collector.start(new TestConfig(REDIS.uri())
                     .set("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).set("EMP_COLLECTOR_BATCH_SIZE", "10").build())) {
            // The backend refuses: the first batch of 10 is retried, and when it was full the next one was read ahead
            // (StreamWorker); the rest wait in Redis, undelivered.
            for (int i = 0; i < 100; i++) xadd("r-" + i, 0);
            Await.until(Duration.ofSeconds(10), () -> received.refusedRequests() > 0, () -> "no export attempt");
            Thread.sleep(1500); // one loss check sees the undelivered entries
            long held = redis.xpending(EVENTS, StreamDefaults.EVENTS_GROUP).getCount(); // delivered, not acknowledged
            // The first read may come while the entries are still being written: a batch of up to 10, and when it was full
            // at most 10 more read ahead.
            assertTrue(held >= 1 && held <= 20, "one batch, and at most one read ahead: " + held);
            REDIS.stop();
            REDIS.start();
            client.shutdown();
            client = RedisClient.create(REDIS.uri());
            redis = client.connect().sync();
            received.refuseForever(false);
            Await.until(Duration.ofSeconds(30), () -> collector.stats().stream(EVENTS).resets.sum() == 1,
                    () -> "resets=" + collector.stats().stream(EVENTS).resets.sum());
            long lost = collector.stats().stream(EVENTS).lost(LossReason.STREAM_RESET.wire()).sum();
            assertEquals(100 - held, lost, "the entries not yet delivered to the group at the last check");

            // Consumption goes on in the new stream, and the loss reaches the backend as an event.
            xadd("after-reset", 0);
            Await.until(Duration.ofSeconds(30), () -> received.logs().stream().anyMatch(l -> l.toString().contains("after-reset")),
                    () -> "not exported after the reset");
            Await.until(Duration.ofSeconds(30), () -> received.logs().stream().anyMatch(l -> l.toString().contains(EventTypes.ENTRIES_LOST)
                    && l.toString().contains("stream_reset")), () -> "no loss event exported");
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARNING LOST at least " + lost + " entries of emp:events")),
                    logs.lines().toString());
            JsonNode h = health(collector).get("streams").get(EVENTS);
            assertEquals(lost, h.get("lost").get("stream_reset").asLong());
            assertEquals(1, h.get("resets").asLong());
            assertTrue(metrics(collector).contains("emp_collector_stream_resets_total{stream=\"emp:events\"} 1"));
            // What the collector held in memory while the backend refused (the batch and the one read ahead) is still exported.
            Await.until(Duration.ofSeconds(30), () -> delivered(received, "r-") == held, () -> "delivered " + delivered(received, "r-"));
            long delivered = delivered(received, "r-");
            System.out.println("reliability redis-empty-restart: emitted=100 delivered=" + delivered + " duplicated="
                    + received.duplicateLogs() + " lost-and-detected(lower bound)=" + lost);
        }
    }

    /** Dead letters are reported as losses; a dead-lettered loss report is counted but never reported again (no loop). */
    @Test
    void deadLettersAreReportedWithoutLoopingOnTheCollectorsOwnEvents() throws Exception {
        Path file = dir.resolve("dead.jsonl");
        redis.xadd(EVENTS, Map.of("hello", "world"));
        Map<String, String> badLossReport = new HashMap<>(EventCodec.encode(
                TelemetryEvent.builder(EventTypes.ENTRIES_LOST).service(LossReporter.SERVICE).build()));
        badLossReport.put("data", "{not json");
        redis.xadd(EVENTS, badLossReport);
        try (Collector collector = Collector.start(new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                .set("EMP_COLLECTOR_FILE_PATH", file.toString()).build())) {
            Await.until(Duration.ofSeconds(10), () -> lossEvents(file).size() == 1, () -> "loss events " + lossEvents(file));
            JsonNode data = lossEvents(file).get(0).get("data");
            assertEquals("dead_lettered", data.get("reason").asText());
            assertEquals(1, data.get("lost").asLong(), "the foreign entry; the broken loss report is not reported again");
            assertEquals(2, collector.stats().stream(EVENTS).lost(LossReason.DEAD_LETTERED.wire()).sum());
            Thread.sleep(2500);
            assertEquals(1, lossEvents(file).size(), "no further reports");
            assertEquals(2, redis.xlen("emp:deadletter"));
        }
    }

    private static long delivered(ReceivedTelemetry received, String jobPrefix) {
        return received.logs().stream().map(l -> l.attr("emp.job.id")).filter(j -> j != null && j.startsWith(jobPrefix))
                .distinct().count();
    }

    private void xadd(String job, long maxLen) {
        Map<String, String> fields = EventCodec.encode(TestEvents.event("job.completed", "worker").jobId(job).build());
        if (maxLen > 0) redis.xadd(EVENTS, XAddArgs.Builder.maxlen(maxLen), fields);
        else redis.xadd(EVENTS, fields);
    }

    private static List<JsonNode> exported(Path file) {
        try {
            if (!Files.exists(file)) return List.of();
            ObjectMapper json = new ObjectMapper();
            return Files.readAllLines(file).stream().map(l -> {
                try {
                    return json.readTree(l);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static long appLines(Path file) {
        return exported(file).stream().filter(n -> !EventTypes.ENTRIES_LOST.equals(n.get("eventType").asText())).count();
    }

    private static List<JsonNode> lossEvents(Path file) {
        return exported(file).stream().filter(n -> EventTypes.ENTRIES_LOST.equals(n.get("eventType").asText())).toList();
    }

    static JsonNode health(Collector c) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + c.healthPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    static String metrics(Collector c) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.healthPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
