package io.emp.telemetry.collector.reactions.actions;

import java.util.List;

/**
 * Redis commands that run atomically with their idempotency record (one server-side script: record, commands,
 * and the record removed again if a command fails): {@code redis.hset}, {@code redis.hincrby},
 * {@code redis.publish}, {@code emit}.
 */
record RedisStep(String description, List<List<String>> commands) implements Step {
    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean run(ActionRuntime runtime, String marker) {
        return runtime.idempotency().redisOnce(marker, commands);
    }
}
