package io.emp.sample.worker.connector;

import io.emp.sample.jobs.Job;

import java.util.Map;

/** Returns the payload unchanged: the smallest possible round trip through the system. */
public final class EchoConnector implements JobConnector {
    public static final String TYPE = "echo";

    @Override
    public String jobType() {
        return TYPE;
    }

    @Override
    public ConnectorResult processJob(Job job, ProgressListener progress) {
        return ConnectorResult.of(Map.of("echo", job.getPayload()), 1);
    }
}
