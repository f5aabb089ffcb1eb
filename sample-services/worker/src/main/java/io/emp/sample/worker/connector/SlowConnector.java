package io.emp.sample.worker.connector;

import io.emp.sample.jobs.Job;

import java.util.Map;

/**
 * A service that takes its time: waits {@code durationMs} (default 60 s, longer than the worker's
 * default job timeout), so a job of this type shows the worker's timeout handling. Stops at once
 * when the worker interrupts it.
 */
public final class SlowConnector implements JobConnector {
    public static final String TYPE = "slow";
    static final long DEFAULT_DURATION_MS = 60_000;

    @Override
    public String jobType() {
        return TYPE;
    }

    @Override
    public ConnectorResult processJob(Job job, ProgressListener progress) throws InterruptedException {
        long durationMs = Payloads.longValue(job.getPayload(), "durationMs", DEFAULT_DURATION_MS);
        long started = System.nanoTime();
        Thread.sleep(durationMs);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        return ConnectorResult.of(Map.of("tookMs", tookMs), 1);
    }
}
