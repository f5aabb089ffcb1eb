package io.emp.sample.worker.connector;

import io.emp.sample.jobs.Job;

/**
 * Runs one type of job against a (here: simulated) AI service. The worker calls
 * {@link #processJob} on a connector thread and enforces the job timeout; a connector reports
 * failure by throwing and should stop promptly when interrupted.
 */
public interface JobConnector {
    /** The job type this connector runs, e.g. {@code "echo"}; also the worker capability. */
    String jobType();

    ConnectorResult processJob(Job job, ProgressListener progress) throws Exception;
}
