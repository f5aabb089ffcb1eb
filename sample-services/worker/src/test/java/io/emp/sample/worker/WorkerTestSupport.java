package io.emp.sample.worker;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobQueue;
import io.emp.sample.jobs.JobStatus;
import io.emp.sample.worker.billing.BillingRecorder;
import io.emp.sample.worker.connector.Connectors;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** Builds in-process workers and waits for jobs to settle. */
final class WorkerTestSupport {
    private WorkerTestSupport() {
    }

    static JobWorker worker(RedisCommands<String, String> redis, String workerId, List<String> capabilities,
                            int maxJobs, Duration jobTimeout) {
        WorkerConfig config = new WorkerConfig(workerId, "machine-test", capabilities, maxJobs, jobTimeout,
                Duration.ofMillis(50), "unused: the test passes its own connection");
        return new JobWorker(config, new JobQueue(redis), Connectors.forCapabilities(capabilities),
                new WorkerRegistration(redis, workerId), new BillingRecorder(redis));
    }

    /** Polls until the job is completed or failed (not just waiting for a retry). */
    static Job awaitSettled(JobQueue queue, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Job job = queue.findJob(jobId).orElseThrow();
            if (job.getStatus() == JobStatus.COMPLETED || job.getStatus() == JobStatus.FAILED) return job;
            Thread.sleep(20);
        }
        return fail("job " + jobId + " did not settle: " + queue.findJob(jobId).orElseThrow());
    }
}
