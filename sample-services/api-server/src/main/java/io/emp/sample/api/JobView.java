package io.emp.sample.api;

import io.emp.sample.jobs.Job;

import java.util.LinkedHashMap;
import java.util.Map;

/** A job as the HTTP API shows it (camelCase, absent fields left out). */
final class JobView {
    private JobView() {
    }

    static Map<String, Object> of(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.getId());
        view.put("type", job.getType());
        view.put("status", job.getStatus().wireName());
        view.put("payload", job.getPayload());
        view.put("attempt", job.getAttempt());
        view.put("maxRetries", job.getMaxRetries());
        view.put("priority", job.getPriority());
        if (job.getUserId() != null) view.put("userId", job.getUserId());
        view.put("createdAt", job.getCreatedAt());
        job.getQueuedAt().ifPresent(v -> view.put("queuedAt", v));
        job.getClaimedAt().ifPresent(v -> view.put("claimedAt", v));
        if (job.getWorkerId() != null) view.put("workerId", job.getWorkerId());
        if (job.getMachineId() != null) view.put("machineId", job.getMachineId());
        job.getProgress().ifPresent(v -> view.put("progress", v));
        job.getCompletedAt().ifPresent(v -> view.put("completedAt", v));
        job.getResult().ifPresent(v -> view.put("result", v));
        job.getFailedAt().ifPresent(v -> view.put("failedAt", v));
        job.getError().ifPresent(v -> view.put("error", v));
        job.getLastError().ifPresent(v -> view.put("lastError", v));
        return view;
    }
}
