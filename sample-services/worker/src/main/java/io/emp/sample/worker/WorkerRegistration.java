package io.emp.sample.worker;

import io.lettuce.core.api.sync.RedisCommands;

import java.util.List;
import java.util.Map;

/** The worker's entry in {@code worker:<id>} and the set {@code workers:active}, so operators can see who is running. */
final class WorkerRegistration {
    static final String ACTIVE = "workers:active";

    private final RedisCommands<String, String> redis;
    private final String key;
    private final String workerId;

    WorkerRegistration(RedisCommands<String, String> redis, String workerId) {
        this.redis = redis;
        this.workerId = workerId;
        this.key = "worker:" + workerId;
    }

    void register(String machineId, List<String> capabilities) {
        redis.hset(key, Map.of(
                "worker_id", workerId,
                "machine_id", machineId,
                "capabilities", String.join(",", capabilities),
                "status", "ready",
                "pid", Long.toString(ProcessHandle.current().pid()),
                "started_at", Long.toString(System.currentTimeMillis())));
        redis.sadd(ACTIVE, workerId);
    }

    void deregister(int jobsProcessed) {
        redis.hset(key, Map.of(
                "status", "stopped",
                "jobs_processed", Integer.toString(jobsProcessed),
                "stopped_at", Long.toString(System.currentTimeMillis())));
        redis.srem(ACTIVE, workerId);
    }
}
