package io.emp.telemetry.collector.faults;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.HangingOtlpReceiver;
import io.emp.telemetry.collector.support.ReceivedTelemetry;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OTLP backend that accepts requests and never answers: each attempt times out after
 * OTEL_EXPORTER_OTLP_TIMEOUT, the batch stays pending and is retried, and once the backend answers
 * every event arrives; nothing is acknowledged before.
 */
class OtlpHangTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void aHangingBackendTimesOutAndNothingIsLost() throws Exception {
        ReceivedTelemetry received = new ReceivedTelemetry();
        RedisClient client = RedisClient.create(REDIS.uri());
        int events = 200;
        try (HangingOtlpReceiver backend = new HangingOtlpReceiver(received, 3, Duration.ofSeconds(30))) {
            RedisCommands<String, String> redis = client.connect().sync();
            for (int i = 0; i < events; i++) {
                TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.completed", "worker").jobId("h" + i).build());
            }
            try (Collector collector = Collector.start(new TestConfig(REDIS.uri())
                    .set("OTEL_EXPORTER_OTLP_ENDPOINT", backend.endpoint()).set("OTEL_EXPORTER_OTLP_TIMEOUT", "1000").build())) {
                Await.until(Duration.ofSeconds(60), () -> received.distinctEntryIds().size() == events,
                        () -> "distinct " + received.distinctEntryIds().size() + ", hung " + backend.hung());
                Await.until(Duration.ofSeconds(10), () -> redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP).getCount() == 0,
                        () -> "still pending");
                assertEquals(3, backend.hung());
                assertTrue(collector.stats().stream(StreamDefaults.EVENTS_STREAM).failedAttempts.sum() >= 3);
                assertEquals(events, collector.stats().stream(StreamDefaults.EVENTS_STREAM).exported.sum());
                assertEquals(0, collector.stats().stream(StreamDefaults.EVENTS_STREAM).lostTotal());
                System.out.println("reliability otlp-hang: emitted=" + events + " delivered=" + received.distinctEntryIds().size()
                        + " duplicated=" + received.duplicateLogs() + " timed-out requests=" + backend.hung()
                        + " lastError=" + collector.stats().exporter("otlp-logs").lastError.get());
            }
        } finally {
            client.shutdown();
        }
    }
}
