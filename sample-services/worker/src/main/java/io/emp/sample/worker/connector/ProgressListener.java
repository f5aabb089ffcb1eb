package io.emp.sample.worker.connector;

/**
 * Where a connector reports how far its job has come. The worker hands each job its own listener,
 * so the listener knows the job. Must not throw into the connector.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param percent 0..100
     * @param message what is happening now, for people watching the job
     */
    void onProgress(int percent, String message);
}
