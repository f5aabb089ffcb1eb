package io.emp.telemetry.collector.inspect;

/** Redis unreachable or answering with an error; the message is one clean line without secrets. */
public final class RedisFailure extends RuntimeException {
    public RedisFailure(String message) {
        super(message, null, false, false);
    }
}
