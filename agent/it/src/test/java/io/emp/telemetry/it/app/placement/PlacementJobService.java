package io.emp.telemetry.it.app.placement;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Matched by the built-in {@code job.create} rule (a {@code *JobService} whose {@code createJob}
 * returns the job): the job id is known only on return. It stores the job with a Redis function,
 * as the sample API server does.
 */
public final class PlacementJobService {
    private final RedisCommands<String, String> redis;

    public PlacementJobService(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    public PlacementJob createJob(String id, String type) {
        redis.fcall(PlacementApp.FUNCTION, ScriptOutputType.STATUS, "job:" + id);
        return new PlacementJob(id, type);
    }
}
