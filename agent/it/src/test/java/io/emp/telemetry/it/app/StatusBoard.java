package io.emp.telemetry.it.app;

/** A rule routes its calls to Pub/Sub (job:{jobId}:status), never to a stream. */
public class StatusBoard {
    public void post(String jobId, int percent) {
        // the application's own status handling would go here
    }
}
