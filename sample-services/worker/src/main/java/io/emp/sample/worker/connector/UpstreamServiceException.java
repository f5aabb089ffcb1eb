package io.emp.sample.worker.connector;

/** The (simulated) AI service behind a connector answered with an error. */
public final class UpstreamServiceException extends Exception {
    private final int statusCode;

    public UpstreamServiceException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public int getStatusCode() {
        return statusCode;
    }
}
