package io.emp.telemetry.collector.console.api;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.inspect.Timeline;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of a window, from their lifecycle events: when each was created, who claimed it, and
 * whether (and how) it ended, decided as {@link Timeline#outcome()} decides: the last
 * {@code job.completed} / {@code job.failed}; neither means still running.
 */
final class JobList {
    /** One job as the jobs page lists it. */
    static final class Job {
        final String jobId;
        String jobType;
        Long created;
        Long firstSeen;
        long lastSeen;
        String lastEventType;
        String worker;
        String machine;
        String service;
        Long endedAt;
        String outcome = "running";
        String error;
        int errors;

        Job(String jobId) {
            this.jobId = jobId;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("jobId", jobId);
            m.put("jobType", jobType);
            m.put("created", created);
            m.put("firstSeen", firstSeen);
            m.put("lastSeen", lastSeen);
            m.put("lastEventType", lastEventType);
            m.put("worker", worker);
            m.put("machine", machine);
            m.put("outcome", outcome);
            m.put("endedAt", endedAt);
            Long start = created != null ? created : firstSeen;
            m.put("durationMs", endedAt == null || start == null ? null : endedAt - start);
            m.put("error", error);
            m.put("errors", errors);
            return m;
        }
    }

    private final Map<String, Job> jobs = new HashMap<>();

    /** Events in any order; the latest end event decides the outcome. */
    void add(ConsumedEvent c) {
        TelemetryEvent e = c.event();
        if (e.jobId() == null) return;
        Job j = jobs.computeIfAbsent(e.jobId(), Job::new);
        long t = e.timestamp();
        j.firstSeen = j.firstSeen == null ? t : Math.min(j.firstSeen, t);
        if (t >= j.lastSeen) {
            j.lastSeen = t;
            j.lastEventType = e.eventType();
            if (e.workerId() != null) j.worker = e.workerId();
            if (e.machineId() != null) j.machine = e.machineId();
        }
        if (j.worker == null) j.worker = e.workerId();
        if (j.machine == null) j.machine = e.machineId();
        Object type = e.data().get("jobType");
        if (type != null && j.jobType == null) j.jobType = type.toString();
        if (e.isError() || c.fromErrorStream()) {
            j.errors++;
            if (j.error == null) j.error = e.errorType() + (e.errorMessage() == null ? "" : ": " + e.errorMessage());
        }
        switch (e.eventType()) {
            case Timeline.JOB_CREATED -> j.created = j.created == null ? t : Math.min(j.created, t);
            case Timeline.JOB_COMPLETED, Timeline.JOB_FAILED -> {
                if (j.endedAt == null || t >= j.endedAt) {
                    j.endedAt = t;
                    j.outcome = e.eventType().equals(Timeline.JOB_COMPLETED) ? "completed" : "failed";
                    Object err = e.data().get("error");
                    if (err != null) j.error = err.toString();
                }
            }
            default -> { }
        }
    }

    /** Jobs without an end, newest first. */
    List<Job> running() {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs.values()) if (j.endedAt == null) out.add(j);
        out.sort(Comparator.comparingLong((Job j) -> j.firstSeen).reversed());
        return out;
    }

    /** Finished jobs, most recently ended first, at most {@code limit}. */
    List<Job> finished(int limit) {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs.values()) if (j.endedAt != null) out.add(j);
        out.sort(Comparator.comparingLong((Job j) -> j.endedAt).reversed());
        return out.subList(0, Math.min(limit, out.size()));
    }
}
