package io.emp.sample.jobs;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The job queue as seen from Java: every state change is one FCALL into the {@code emp_jobs}
 * library, so it is atomic in Redis. Thread-safe (Lettuce multiplexes one connection).
 */
public final class JobQueue {
    private final RedisCommands<String, String> redis;

    public JobQueue(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    public void loadFunctions() {
        JobLibrary.load(redis);
    }

    /** Enqueues a new pending job with a fresh id, default priority and no user. */
    public Job createJob(String type, Map<String, ?> payload, int maxRetries) {
        return create(type, payload, maxRetries, Job.DEFAULT_PRIORITY, null);
    }

    /**
     * Enqueues a new pending job with a fresh id: of {@code priority} (0 to {@link Job#MAX_PRIORITY}, higher is
     * claimed first), on behalf of {@code userId} (null when nobody in particular).
     */
    public Job createJob(String type, Map<String, ?> payload, int maxRetries, int priority, String userId) {
        return create(type, payload, maxRetries, priority, userId);
    }

    // One body for both createJob forms, so a call of either is one creation (not one calling the other).
    private Job create(String type, Map<String, ?> payload, int maxRetries, int priority, String userId) {
        if (!JobKeys.isValidType(type)) throw new IllegalArgumentException("invalid job type: " + type);
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
        if (priority < 0 || priority > Job.MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be from 0 to " + Job.MAX_PRIORITY);
        }
        String id = UUID.randomUUID().toString();
        return call(JobLibrary.CREATE_JOB, new String[] {JobKeys.job(id), JobKeys.pending(type)},
                id, type, JobJson.write(payload == null ? Map.of() : payload), Integer.toString(maxRetries),
                Integer.toString(priority), userId == null ? "" : userId)
                .orElseThrow();
    }

    public Optional<Job> findJob(String jobId) {
        try {
            return toJob(redis.fcallReadOnly(JobLibrary.GET_JOB, ScriptOutputType.MULTI, JobKeys.job(jobId)));
        } catch (RedisCommandExecutionException e) {
            if (!isLibraryMissing(e)) throw rejected(e);
            loadFunctions();
            return toJob(redis.fcallReadOnly(JobLibrary.GET_JOB, ScriptOutputType.MULTI, JobKeys.job(jobId)));
        }
    }

    /** Claims the pending job of one of {@code jobTypes} with the highest priority (the oldest of those), or empty. */
    public Optional<Job> claimJob(List<String> jobTypes, String workerId, String machineId) {
        String[] keys = jobTypes.stream().map(JobKeys::pending).toArray(String[]::new);
        return call(JobLibrary.CLAIM_JOB, keys, workerId, machineId);
    }

    public Job completeJob(Job job, String workerId, Map<String, ?> result) {
        return call(JobLibrary.COMPLETE_JOB, new String[] {JobKeys.job(job.getId())}, workerId, JobJson.write(result))
                .orElseThrow();
    }

    /** Returns the job as it is now: {@link JobStatus#PENDING} again when a retry remains, else {@link JobStatus#FAILED}. */
    public Job failJob(Job job, String workerId, String error) {
        return call(JobLibrary.FAIL_JOB, new String[] {JobKeys.job(job.getId()), JobKeys.pending(job.getType())},
                workerId, error).orElseThrow();
    }

    /** The connector's progress, readable by anyone polling the job. */
    public void recordProgress(String jobId, int percent, String message) {
        redis.hset(JobKeys.job(jobId), Map.of(
                "progress", Integer.toString(percent),
                "progress_message", message == null ? "" : message));
    }

    private Optional<Job> call(String function, String[] keys, String... args) {
        try {
            return fcall(function, keys, args);
        } catch (RedisCommandExecutionException e) {
            if (!isLibraryMissing(e)) throw rejected(e);
            // Redis restarted without persistence (or someone ran FUNCTION FLUSH): reload once, retry once.
            loadFunctions();
            try {
                return fcall(function, keys, args);
            } catch (RedisCommandExecutionException again) {
                throw rejected(again);
            }
        }
    }

    private Optional<Job> fcall(String function, String[] keys, String... args) {
        List<Object> reply = redis.fcall(function, ScriptOutputType.MULTI, keys, args);
        return toJob(reply);
    }

    private static boolean isLibraryMissing(RedisCommandExecutionException e) {
        return e.getMessage() != null && e.getMessage().startsWith("ERR Function not found");
    }

    private static Optional<Job> toJob(List<Object> flatHash) {
        if (flatHash == null || flatHash.isEmpty()) return Optional.empty();
        Map<String, String> hash = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flatHash.size(); i += 2) {
            hash.put(String.valueOf(flatHash.get(i)), String.valueOf(flatHash.get(i + 1)));
        }
        return Optional.of(Job.fromHash(hash));
    }

    private static RuntimeException rejected(RedisCommandExecutionException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int space = message.indexOf(' ');
        String code = space > 0 ? message.substring(0, space) : message;
        switch (code) {
            case "NO_JOB", "NOT_CLAIMED", "JOB_EXISTS", "ERR_ARGS":
                return new JobRejectedException(code, message, e);
            default:
                return e;
        }
    }
}
