package io.emp.telemetry.agent.context;

import io.emp.telemetry.schema.JobTrace;

/**
 * The job's trace position ({@link JobTrace}: trace id and root span id derived from the job id)
 * as a parent context. Deriving costs two SHA-256 digests; a job's calls on one thread come in runs
 * (claim, process, complete), so the last job of each thread is remembered: one entry per thread.
 */
public final class JobTraces {
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    private JobTraces() {
    }

    /** The job's trace id and root span id, as the parent of the job's spans. */
    public static SpanContext parentFor(String jobId) {
        Object[] last = LAST.get();
        if (jobId.equals(last[0])) return (SpanContext) last[1];
        SpanContext context = new SpanContext(JobTrace.traceId(jobId), JobTrace.rootSpanId(jobId), true);
        last[0] = jobId;
        last[1] = context;
        return context;
    }
}
