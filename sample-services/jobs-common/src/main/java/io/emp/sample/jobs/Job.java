package io.emp.sample.jobs;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * A job as stored in the hash {@code job:<id>}. Immutable: every queue operation returns the
 * job's new state. Getter names ({@code getId}, {@code getType}, {@code getPayload},
 * {@code getAttempt}) are a convention the default instrumentation rules rely on.
 */
public final class Job {
    public static final int DEFAULT_PRIORITY = 0;
    public static final int MAX_PRIORITY = 9;

    private final String id;
    private final String type;
    private final Map<String, Object> payload;
    private final JobStatus status;
    private final int attempt;
    private final int maxRetries;
    private final int priority;
    private final String userId;
    private final String workerId;
    private final String machineId;
    private final long createdAt;
    private final Long queuedAt;
    private final Long claimedAt;
    private final Long completedAt;
    private final Long failedAt;
    private final Map<String, Object> result;
    private final String error;
    private final String lastError;
    private final Integer progress;

    private Job(Map<String, String> hash) {
        this.id = required(hash, "id");
        this.type = required(hash, "type");
        this.payload = Collections.unmodifiableMap(JobJson.readObject(hash.get("payload")));
        this.status = JobStatus.fromWire(required(hash, "status"));
        this.attempt = Integer.parseInt(hash.getOrDefault("attempt", "0"));
        this.maxRetries = Integer.parseInt(hash.getOrDefault("max_retries", "0"));
        this.priority = Integer.parseInt(hash.getOrDefault("priority", Integer.toString(DEFAULT_PRIORITY)));
        this.userId = hash.get("user_id");
        this.workerId = hash.get("worker_id");
        this.machineId = hash.get("machine_id");
        this.createdAt = Long.parseLong(required(hash, "created_at"));
        this.queuedAt = optionalLong(hash, "queued_at");
        this.claimedAt = optionalLong(hash, "claimed_at");
        this.completedAt = optionalLong(hash, "completed_at");
        this.failedAt = optionalLong(hash, "failed_at");
        this.result = hash.containsKey("result")
                ? Collections.unmodifiableMap(JobJson.readObject(hash.get("result"))) : null;
        this.error = hash.get("error");
        this.lastError = hash.get("last_error");
        this.progress = hash.containsKey("progress") ? Integer.valueOf(hash.get("progress")) : null;
    }

    /** Reads the fields of a {@code job:<id>} hash; fails on a hash that is not a job. */
    public static Job fromHash(Map<String, String> hash) {
        return new Job(hash);
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public Map<String, Object> getPayload() {
        return payload;
    }

    public JobStatus getStatus() {
        return status;
    }

    /** 1 on the first run, 2 on the first retry, ...; 0 while never claimed. */
    public int getAttempt() {
        return attempt;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /** 0 to {@link #MAX_PRIORITY}; a higher priority is claimed first. */
    public int getPriority() {
        return priority;
    }

    /** Who submitted the job; null when nobody in particular. */
    public String getUserId() {
        return userId;
    }

    public String getWorkerId() {
        return workerId;
    }

    public String getMachineId() {
        return machineId;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    /** When the job last entered its queue: at creation, and again when a retry re-queued it. */
    public Optional<Long> getQueuedAt() {
        return Optional.ofNullable(queuedAt);
    }

    public Optional<Long> getClaimedAt() {
        return Optional.ofNullable(claimedAt);
    }

    public Optional<Long> getCompletedAt() {
        return Optional.ofNullable(completedAt);
    }

    public Optional<Long> getFailedAt() {
        return Optional.ofNullable(failedAt);
    }

    public Optional<Map<String, Object>> getResult() {
        return Optional.ofNullable(result);
    }

    /** The final error of a failed job. */
    public Optional<String> getError() {
        return Optional.ofNullable(error);
    }

    /** The error of the latest failed attempt, also while the job waits for its retry. */
    public Optional<String> getLastError() {
        return Optional.ofNullable(lastError);
    }

    /** Percent reported by the connector of the current attempt. */
    public Optional<Integer> getProgress() {
        return Optional.ofNullable(progress);
    }

    @Override
    public String toString() {
        return "Job{" + id + ", " + type + ", " + status.wireName() + ", attempt " + attempt + "/" + (maxRetries + 1) + "}";
    }

    private static String required(Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) throw new IllegalArgumentException("job hash lacks field '" + field + "'");
        return value;
    }

    private static Long optionalLong(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null ? null : Long.valueOf(value);
    }
}
