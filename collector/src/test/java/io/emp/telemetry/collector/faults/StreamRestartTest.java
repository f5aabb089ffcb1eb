package io.emp.telemetry.collector.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.consume.BatchProcessor;
import io.emp.telemetry.collector.consume.DeadLetters;
import io.emp.telemetry.collector.consume.RedisStreams;
import io.emp.telemetry.collector.consume.SpanDeriver;
import io.emp.telemetry.collector.consume.StreamWorker;
import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.health.HealthServer;
import io.emp.telemetry.collector.supervise.SupervisedStream;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream's consumer thread that dies of an Error (here an OutOfMemoryError thrown by an exporter
 * on its first batch) is restarted with back-off; /health answers 503 "degraded" while the stream
 * does not progress, and the entries it held are exported by the new loop.
 */
class StreamRestartTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    /** Accepts every batch except the first one, on which it runs out of memory. */
    static final class DiesOnceExporter implements Exporter {
        final AtomicInteger calls = new AtomicInteger();
        final Set<String> exported = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "dies-once";
        }

        @Override
        public ExportOutcome export(ExportBatch batch) {
            if (calls.getAndIncrement() == 0) throw new OutOfMemoryError("Java heap space (test)");
            batch.events().forEach(e -> exported.add(e.entryId()));
            return ExportOutcome.ok();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDeadConsumerThreadIsRestartedAndHealthIsDegradedMeanwhile() throws Exception {
        CollectorConfig config = new TestConfig(REDIS.uri()).build();
        CollectorConfig.StreamConfig events = config.events();
        CollectorStats stats = new CollectorStats();
        stats.redisReachable(true);
        RedisClient client = RedisClient.create(REDIS.uri());
        DiesOnceExporter exporter = new DiesOnceExporter();
        try (HealthServer health = new HealthServer("127.0.0.1", 0, stats, "t")) {
            RedisCommands<String, String> redis = client.connect().sync();
            for (int i = 0; i < 20; i++) TestEvents.xadd(redis, events.stream(), TestEvents.event("job.completed", "worker").jobId("j" + i).build());
            BatchProcessor processor = new BatchProcessor(List.of(exporter), SpanDeriver.NONE, List.of(),
                    new DeadLetters(redis, "emp:deadletter", "t", stats), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                    5, stats);
            RedisStreams streams = new RedisStreams(client.connect().sync(), events, "t");
            SupervisedStream supervised = new SupervisedStream(events.stream(), () -> new StreamWorker(streams, processor, 100,
                    Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofMinutes(10), stats), stats,
                    Duration.ofSeconds(8), Duration.ofSeconds(8)); // restart after 4-8 s: time to see the 503 on a loaded machine
            Thread thread = new Thread(supervised, "test-consumer");
            thread.start();
            try {
                Await.until(Duration.ofSeconds(20), () -> stats.stream(events.stream()).restarts.sum() == 1, () -> "no restart");
                HttpResponse<String> down = get(health);
                assertEquals(503, down.statusCode(), down.body());
                assertEquals("degraded", new ObjectMapper().readTree(down.body()).get("status").asText());
                assertTrue(down.body().contains("\"stalledStreams\":[\"emp:events\"]"), down.body());

                Await.until(Duration.ofSeconds(30), () -> exporter.exported.size() == 20, () -> "exported " + exporter.exported.size());
                Await.until(Duration.ofSeconds(5), () -> get(health).statusCode() == 200, () -> "still degraded");
                assertEquals(0, redis.xpending(events.stream(), StreamDefaults.EVENTS_GROUP).getCount());
                assertTrue(thread.isAlive(), "the supervised consumer goes on");
            } finally {
                supervised.stop();
                thread.join(5000);
            }
        } finally {
            client.shutdown();
        }
    }

    private static HttpResponse<String> get(HealthServer health) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
