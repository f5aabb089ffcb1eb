package io.emp.telemetry.it.app.placement;

import io.emp.telemetry.api.Telemetry;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * A worker by the built-in conventions ({@code *Worker}: {@code claimNext} returns the job,
 * {@code completeJob(job)} names it on entry), plus {@code process(job)} under the test's own rule.
 */
public final class PlacementWorker {
    private final RedisCommands<String, String> redis;
    private final ArrayDeque<PlacementJob> queue = new ArrayDeque<>();
    public final String workerId = "placement-worker-1";

    public PlacementWorker(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    void offer(PlacementJob job) {
        queue.add(job);
    }

    /** Job id known on return; the FCALL inside it claims the job. */
    public PlacementJob claimNext() {
        redis.fcall(PlacementApp.FUNCTION, ScriptOutputType.STATUS, "queue");
        return queue.poll();
    }

    /** Job id known on entry (the test's rule); an FCALL, a facade event and a nested step inside. */
    public void process(PlacementJob job, PlacementJobService jobs) {
        redis.fcall(PlacementApp.FUNCTION, ScriptOutputType.STATUS, "job:" + job.getId());
        Telemetry.event("placement.note", Map.of("step", "inside process"));
        new PlacementStep().run(job.getId());
        if (jobs != null) jobs.createJob(job.getId() + "-child", "child"); // nested rule: another job, on return
        completeJob(job);
    }

    public void completeJob(PlacementJob job) {
        redis.fcall(PlacementApp.FUNCTION, ScriptOutputType.STATUS, "done:" + job.getId());
    }
}
