package io.emp.telemetry.agent.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.api.Telemetry;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acceptance: Pub/Sub status reaches a subscriber and writes no stream entry. */
class StatusPubSubTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void statusReachesSubscriberAndNeverAStream() throws Exception {
        REDIS.flushAll();
        RedisClient client = RedisClient.create(REDIS.uri());
        List<String[]> received = new CopyOnWriteArrayList<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             RedisEventEmitter emitter = TestSupport.emitter(REDIS.uri());
             TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            sub.addListener(new RedisPubSubAdapter<String, String>() {
                @Override
                public void message(String channel, String message) {
                    received.add(new String[]{channel, message});
                }
            });
            sub.sync().subscribe("job:job-5:status", "machine:m-1:gpu");
            Telemetry.install(new FacadeBackend(emitter));
            Telemetry.status("job:job-5:status", Map.of("progress", 50, "eta", "12s", "token", "abc"));
            emitter.publish("machine:m-1:gpu", Map.of("gpuTemp", 71.5));

            // The writer counts a PUBLISH when Redis has answered it, which may be after the subscriber got it.
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> received.size() == 2 && emitter.stats().statusPublished() == 2,
                    () -> "received " + received.size() + ", " + emitter.stats());
            assertEquals("job:job-5:status", received.get(0)[0]);
            Map<?, ?> status = new ObjectMapper().readValue(received.get(0)[1], Map.class);
            assertEquals(50, status.get("progress"));
            assertEquals("12s", status.get("eta"));
            assertEquals(AttributeValues.REDACTED, status.get("token"));
            assertEquals("emitter-test", status.get("service"));
            assertTrue(((Number) status.get("timestamp")).longValue() > 0);
            Map<?, ?> gpu = new ObjectMapper().readValue(received.get(1)[1], Map.class);
            assertEquals(71.5, gpu.get("gpuTemp"));

            assertEquals(2, emitter.stats().statusPublished());
            assertEquals(0, emitter.stats().eventsWritten());
            // No stream entry: the only keys are the process's resource and the job's latest status.
            java.util.List<String> keys = new java.util.ArrayList<>(reader.connection.sync().keys("*"));
            java.util.Collections.sort(keys);
            assertEquals(java.util.List.of("emp:resource:" + emitter.config().instanceId(), "job:job-5:latest-status"), keys);
        } finally {
            Telemetry.install(null);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
