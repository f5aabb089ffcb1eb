package io.emp.telemetry.collector.otlp;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.HttpOtlpReceiver;
import io.emp.telemetry.collector.support.ReceivedTelemetry;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend answers 503 for 10 s: nothing is acknowledged meanwhile, and afterwards every event arrives. */
class BackendOutageTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void everyEventArrivesAfterTheBackendRecovers() throws Exception {
        ReceivedTelemetry received = new ReceivedTelemetry();
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect();
             HttpOtlpReceiver receiver = new HttpOtlpReceiver(received)) {
            RedisCommands<String, String> redis = conn.sync();
            int events = 300;
            int errors = 20;
            for (int i = 0; i < events; i++) {
                TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.claimed", "worker").jobId("j" + i).build());
            }
            for (int i = 0; i < errors; i++) {
                TestEvents.xadd(redis, StreamDefaults.ERRORS_STREAM, TestEvents.event("job.failed", "worker")
                        .errorType("java.io.IOException").errorMessage("disk " + i).build());
            }
            TestConfig config = new TestConfig(REDIS.uri()).set("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                    .set("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            // The 10 s outage starts with the collector, not with the set-up (slow on a loaded machine).
            received.refuseFor(Duration.ofSeconds(10));
            try (Collector collector = Collector.start(config.build())) {
                Await.until(Duration.ofSeconds(10), () -> received.refusedRequests() > 0, () -> "no request reached the receiver");
                long pendingDuringOutage = redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP).getCount();
                assertTrue(pendingDuringOutage > 0, "entries are held pending while the backend is down");
                assertEquals(0, collector.stats().stream(StreamDefaults.EVENTS_STREAM).exported.sum(), "nothing acknowledged during the outage");

                Await.until(Duration.ofSeconds(60), () -> received.distinctEntryIds().size() == events + errors,
                        () -> "distinct=" + received.distinctEntryIds().size() + " refused=" + received.refusedRequests());
                Await.until(Duration.ofSeconds(10), () -> redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP).getCount() == 0
                        && redis.xpending(StreamDefaults.ERRORS_STREAM, StreamDefaults.ERRORS_GROUP).getCount() == 0, () -> "still pending");
                assertEquals(events, collector.stats().stream(StreamDefaults.EVENTS_STREAM).exported.sum());
                // Duplicates are allowed (at-least-once) but counted and reported.
                System.out.println("backend outage: refused requests=" + received.refusedRequests() + ", log records received="
                        + received.logs().size() + ", duplicates=" + received.duplicateLogs());
                assertEquals(received.logs().size() - received.duplicateLogs(), events + errors);
            }
        } finally {
            client.shutdown();
        }
    }
}
