package io.emp.sample.worker.billing;

import io.emp.sample.jobs.JobKeys;
import io.emp.sample.jobs.RedisSetup;
import io.emp.telemetry.api.Telemetry;
import io.emp.telemetry.api.TelemetryBackend;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Charges land in Redis; the manual event goes through the facade (here to an installed backend, no agent). */
class BillingRecorderTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    record Dispatched(String kind, String correlationId, String type, Map<String, ?> data) { }

    @AfterEach
    void uninstall() {
        Telemetry.install(null);
    }

    @Test
    void chargeStoresCreditsAndEmitsBillingRecorded() {
        List<Dispatched> events = new CopyOnWriteArrayList<>();
        Telemetry.install((kind, id, type, data, error) -> events.add(new Dispatched(kind, id, type, data)));
        RedisClient client = RedisSetup.client(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            BillingRecorder billing = new BillingRecorder(connection.sync());

            billing.charge("job-1", 3);
            billing.charge("job-2", 4);

            assertEquals("3", connection.sync().hget(JobKeys.job("job-1"), "credits"));
            assertEquals("7", connection.sync().get(BillingRecorder.TOTAL_KEY));
            assertEquals(List.of(
                    new Dispatched(TelemetryBackend.JOB, "job-1", "billing.recorded", Map.of("credits", 3, "totalCredits", 3L)),
                    new Dispatched(TelemetryBackend.JOB, "job-2", "billing.recorded", Map.of("credits", 4, "totalCredits", 7L))),
                    events);
        } finally {
            client.shutdown();
        }
    }
}
