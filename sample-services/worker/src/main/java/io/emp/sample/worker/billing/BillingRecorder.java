package io.emp.sample.worker.billing;

import io.emp.sample.jobs.JobKeys;
import io.emp.telemetry.api.EventAttribute;
import io.emp.telemetry.api.JobId;
import io.emp.telemetry.api.Telemetry;
import io.emp.telemetry.api.TelemetryEvent;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.Map;

/**
 * Charges credits for a completed job. The one place in the sample services that uses the EMP
 * API on purpose, to show manual events: the annotation gives {@code billing.charge.started /
 * completed / failed} around the charge, and the facade adds a business event with the running
 * total. Without the agent both are no-ops.
 */
public class BillingRecorder {
    static final String TOTAL_KEY = "billing:credits:total";

    private final RedisCommands<String, String> redis;

    public BillingRecorder(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    @TelemetryEvent("billing.charge")
    public void charge(@JobId String jobId, @EventAttribute("credits") int credits) {
        redis.hset(JobKeys.job(jobId), "credits", Integer.toString(credits));
        long total = redis.incrby(TOTAL_KEY, credits);
        Telemetry.jobEvent(jobId, "billing.recorded", Map.of("credits", credits, "totalCredits", total));
    }
}
