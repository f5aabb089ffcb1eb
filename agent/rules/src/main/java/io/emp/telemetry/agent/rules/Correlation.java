package io.emp.telemetry.agent.rules;

/** The ids that tie an event to a job, worker, machine and user; each may be null. */
public final class Correlation {
    public static final Correlation EMPTY = new Correlation(null, null, null, null);

    private final String jobId;
    private final String workerId;
    private final String machineId;
    private final String userId;

    public Correlation(String jobId, String workerId, String machineId, String userId) {
        this.jobId = jobId;
        this.workerId = workerId;
        this.machineId = machineId;
        this.userId = userId;
    }

    public String jobId() {
        return jobId;
    }

    public String workerId() {
        return workerId;
    }

    public String machineId() {
        return machineId;
    }

    public String userId() {
        return userId;
    }

    /** The id named like an event field ({@code jobId}, {@code workerId}, ...), or null for any other name. */
    public String byName(String name) {
        switch (name) {
            case "jobId":
                return jobId;
            case "workerId":
                return workerId;
            case "machineId":
                return machineId;
            case "userId":
                return userId;
            default:
                return null;
        }
    }

    /** Fills this correlation's missing ids from {@code fallback} (e.g. the ids of the enclosing job span). */
    public Correlation orElse(Correlation fallback) {
        if (fallback == null) {
            return this;
        }
        return new Correlation(jobId != null ? jobId : fallback.jobId, workerId != null ? workerId : fallback.workerId,
                machineId != null ? machineId : fallback.machineId, userId != null ? userId : fallback.userId);
    }

    public boolean isEmpty() {
        return jobId == null && workerId == null && machineId == null && userId == null;
    }

    @Override
    public String toString() {
        return "Correlation{jobId=" + jobId + ", workerId=" + workerId + ", machineId=" + machineId + ", userId="
                + userId + '}';
    }
}
