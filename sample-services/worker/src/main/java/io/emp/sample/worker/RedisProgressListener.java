package io.emp.sample.worker;

import io.emp.sample.jobs.JobQueue;
import io.emp.sample.worker.connector.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one job's progress into its hash, best effort: a lost progress update must not fail the job. */
final class RedisProgressListener implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(RedisProgressListener.class);

    private final JobQueue queue;
    private final String jobId;

    RedisProgressListener(JobQueue queue, String jobId) {
        this.queue = queue;
        this.jobId = jobId;
    }

    @Override
    public void onProgress(int percent, String message) {
        LOG.info("job {} progress {}% {}", jobId, percent, message);
        try {
            queue.recordProgress(jobId, percent, message);
        } catch (RuntimeException e) {
            LOG.warn("job {} progress not stored: {}", jobId, e.getMessage());
        }
    }
}
