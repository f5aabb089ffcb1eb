package io.emp.sample.jobs;

/**
 * The function library refused an operation: the job does not exist ({@code NO_JOB}), is not
 * claimed by this worker ({@code NOT_CLAIMED}), already exists ({@code JOB_EXISTS}), or the
 * arguments were wrong ({@code ERR_ARGS}).
 */
public final class JobRejectedException extends RuntimeException {
    private final String code;

    public JobRejectedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
