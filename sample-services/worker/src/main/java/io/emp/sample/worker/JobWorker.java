package io.emp.sample.worker;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobQueue;
import io.emp.sample.jobs.JobRejectedException;
import io.emp.sample.jobs.JobStatus;
import io.emp.sample.worker.billing.BillingRecorder;
import io.emp.sample.worker.connector.ConnectorResult;
import io.emp.sample.worker.connector.JobConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims jobs of the types it has connectors for, runs each through a {@link ConnectorRunner}
 * (connector thread, job timeout), and completes or fails it. One job at a time; the claim loop
 * runs on its own thread.
 * Method and field names ({@code start}, {@code ready}, {@code claimNext}, {@code completeJob},
 * {@code failJob}, {@code workerId}, {@code machineId}) are a convention the default
 * instrumentation rules rely on.
 */
public final class JobWorker {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

    private final String workerId;
    private final String machineId;
    private final WorkerConfig config;
    private final JobQueue queue;
    private final Map<String, JobConnector> connectors;
    private final List<String> capabilities;
    private final WorkerRegistration registration;
    private final BillingRecorder billing;
    private final ConnectorRunner runner;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger processed = new AtomicInteger();
    private volatile boolean running;

    JobWorker(WorkerConfig config, JobQueue queue, Map<String, JobConnector> connectors,
              WorkerRegistration registration, BillingRecorder billing) {
        this.workerId = config.workerId();
        this.machineId = config.machineId();
        this.config = config;
        this.queue = queue;
        this.connectors = Map.copyOf(connectors);
        this.capabilities = List.copyOf(connectors.keySet());
        this.registration = registration;
        this.billing = billing;
        this.runner = new ConnectorRunner(workerId, config.jobTimeout(), job -> new RedisProgressListener(queue, job.getId()));
    }

    /** Registers the worker, announces readiness and starts the claim loop on its own thread. */
    public void start() {
        LOG.info("worker {} starting on {} with capabilities {}", workerId, machineId, capabilities);
        registration.register(machineId, capabilities);
        running = true;
        ready();
        Thread loop = new Thread(this::runLoop, "job-worker-" + workerId);
        loop.start();
    }

    /** Called once the worker is registered and about to take jobs. */
    void ready() {
        System.out.println("worker " + workerId + " ready (machine " + machineId + ", capabilities "
                + String.join(",", capabilities) + ")");
    }

    /** The oldest pending job this worker can run, now claimed by it; null when there is none. */
    public Job claimNext() {
        Job job = queue.claimJob(capabilities, workerId, machineId).orElse(null);
        if (job != null) {
            LOG.info("claimed job {} type={} attempt={}/{}", job.getId(), job.getType(), job.getAttempt(), job.getMaxRetries() + 1);
        }
        return job;
    }

    public Job completeJob(Job job, ConnectorResult result) {
        Job completed = queue.completeJob(job, workerId, result.getOutput());
        LOG.info("completed job {} type={}", job.getId(), job.getType());
        billing.charge(job.getId(), result.getCredits());
        return completed;
    }

    /** Fails this attempt; the returned job is {@link JobStatus#PENDING} again when a retry remains. */
    public Job failJob(Job job, Throwable error) {
        Job after = queue.failJob(job, workerId, describe(error));
        if (after.getStatus() == JobStatus.PENDING) {
            LOG.warn("attempt {} of job {} failed, will retry: {}", job.getAttempt(), job.getId(), describe(error));
        } else {
            LOG.warn("job {} failed after {} attempt(s): {}", job.getId(), job.getAttempt(), describe(error));
        }
        return after;
    }

    /** Asks the loop to stop after the job in hand; returns at once. */
    public void stop() {
        running = false;
        stopRequested.countDown();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int jobsProcessed() {
        return processed.get();
    }

    private void runLoop() {
        IdleBackoff backoff = new IdleBackoff(config.maxIdleWait());
        boolean claimFailing = false;
        try {
            while (running && !reachedMaxJobs()) {
                Job job;
                try {
                    job = claimNext();
                    if (claimFailing) LOG.info("claiming jobs again");
                    claimFailing = false;
                } catch (RuntimeException e) {
                    // One line per outage, not one per poll.
                    if (!claimFailing) LOG.warn("cannot claim jobs, retrying with backoff: {}", e.getMessage());
                    claimFailing = true;
                    job = null;
                }
                if (job == null) {
                    stopRequested.await(backoff.nextDelayMs(), TimeUnit.MILLISECONDS);
                    continue;
                }
                backoff.reset();
                process(job);
                processed.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutDown();
        }
    }

    private void process(Job job) {
        try {
            JobConnector connector = connectors.get(job.getType());
            if (connector == null) {
                failJob(job, new IllegalStateException("no connector for job type " + job.getType()));
                return;
            }
            ConnectorResult result;
            try {
                result = runner.run(connector, job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failJob(job, e);
                return;
            } catch (Exception e) {
                failJob(job, e);
                return;
            }
            completeJob(job, result);
        } catch (JobRejectedException e) {
            // The job was taken from us (e.g. removed or reassigned by an operator): nothing left to do.
            LOG.warn("job {} no longer ours: {}", job.getId(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("job {} could not be finished: {}", job.getId(), e.toString());
        }
    }

    private boolean reachedMaxJobs() {
        return config.maxJobs() > 0 && processed.get() >= config.maxJobs();
    }

    private void shutDown() {
        running = false;
        runner.close();
        try {
            registration.deregister(processed.get());
        } catch (RuntimeException e) {
            LOG.warn("could not deregister worker {}: {}", workerId, e.getMessage());
        }
        System.out.println("worker " + workerId + " stopped after " + processed.get() + " job(s)");
        stopped.countDown();
    }

    private static String describe(Throwable error) {
        return error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
