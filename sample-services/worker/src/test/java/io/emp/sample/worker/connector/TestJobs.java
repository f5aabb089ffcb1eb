package io.emp.sample.worker.connector;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobJson;

import java.util.Map;

/** Claimed jobs built in memory, for connector tests that need no queue. */
final class TestJobs {
    private TestJobs() {
    }

    static Job claimed(String id, String type, int attempt, Map<String, Object> payload) {
        return Job.fromHash(Map.of(
                "id", id,
                "type", type,
                "payload", JobJson.write(payload),
                "status", "claimed",
                "attempt", Integer.toString(attempt),
                "max_retries", "3",
                "created_at", "1700000000000",
                "worker_id", "w-test"));
    }
}
