package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.collector.reactions.delivery.RetryPolicy;

import java.time.Duration;

/**
 * The file's {@code settings:} section.
 *
 * @param service          service name of the events the engine writes
 * @param threads          reaction threads per stream (events of one job always go to the same thread, in order)
 * @param idempotencyTtl   how long "this action ran for this entry" is remembered
 * @param deadletterStream where entries go whose action failed beyond its attempts
 * @param retry            default attempts and back-off of every action
 */
public record Settings(String service, int threads, Duration idempotencyTtl, String deadletterStream, RetryPolicy retry) {
    public static final String DEADLETTER_STREAM = "emp:reactions:deadletter";
    public static final Settings DEFAULT = new Settings("emp-reactions", 4, Duration.ofHours(24), DEADLETTER_STREAM,
            RetryPolicy.DEFAULT);
}
