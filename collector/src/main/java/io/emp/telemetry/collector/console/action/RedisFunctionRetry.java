package io.emp.telemetry.collector.console.action;

import io.emp.telemetry.collector.config.CollectorConfig.StreamConfig;
import io.emp.telemetry.collector.inspect.RedisSession;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.logging.Logger;

/**
 * Retries a job by calling the configured Redis function, {@code FCALL <function> 1 <jobId>}, and
 * writes what happened to the job's trace with the wire schema: {@code console.job_retry} on the
 * events stream, or {@code console.job_retry_failed} with the Redis error on the errors stream. The
 * event's span is a child of the job's root span ({@link JobTrace#rootSpanId}).
 */
public final class RedisFunctionRetry implements JobAction {
    public static final String SERVICE = "emp-console";
    public static final String RETRIED = "console.job_retry";
    public static final String RETRY_FAILED = "console.job_retry_failed";
    private static final Logger LOG = Logger.getLogger(RedisFunctionRetry.class.getName());

    private final RedisCommands<String, String> redis;
    private final RetryCall call;
    private final StreamConfig eventsStream;
    private final StreamConfig errorsStream;
    private final String where;

    /** {@code where}: the Redis server for messages, without its password. */
    public RedisFunctionRetry(RedisCommands<String, String> redis, RetryCall call, StreamConfig eventsStream,
                              StreamConfig errorsStream, String where) {
        this.redis = redis;
        this.call = call;
        this.eventsStream = eventsStream;
        this.errorsStream = errorsStream;
        this.where = where;
    }

    @Override
    public ActionResult run(String jobId, String actor) {
        long start = System.nanoTime();
        String result;
        try {
            result = call.call(jobId);
        } catch (Exception e) {
            String error = e instanceof RuntimeException re ? RedisSession.failure(where, re).getMessage() : e.getMessage();
            String entry = record(TelemetryEvent.builder(RETRY_FAILED).errorType("RedisFunctionError").errorMessage(error),
                    jobId, actor, start, errorsStream);
            LOG.warning("console: retry of job " + jobId + " by " + actor + " failed: " + error);
            return new ActionResult(false, "retry", jobId, null, error, entry);
        }
        String entry = record(TelemetryEvent.builder(RETRIED).attribute("result", result == null ? "" : result),
                jobId, actor, start, eventsStream);
        LOG.info("console: job " + jobId + " retried by " + actor + " via FCALL " + call.function());
        return new ActionResult(true, "retry", jobId, result, null, entry);
    }

    private String record(TelemetryEvent.Builder b, String jobId, String actor, long startNanos, StreamConfig stream) {
        TelemetryEvent e = b.timestamp(System.currentTimeMillis()).service(SERVICE).jobId(jobId)
                .traceId(JobTrace.traceId(jobId)).spanId(IdGenerator.random().generateSpanId())
                .parentSpanId(JobTrace.rootSpanId(jobId))
                .attribute("action", "retry").attribute("actor", actor)
                .attribute(Attributes.DB_SYSTEM, "redis").attribute(Attributes.DB_OPERATION_NAME, "FCALL")
                .attribute(Attributes.DB_STORED_PROCEDURE_NAME, call.function())
                .attribute(Attributes.DURATION_MS, (System.nanoTime() - startNanos) / 1_000_000.0)
                .build();
        try {
            return redis.xadd(stream.stream(), XAddArgs.Builder.maxlen(stream.maxLen()).approximateTrimming(), EventCodec.encode(e));
        } catch (RuntimeException ex) {
            LOG.warning("console: could not record the retry of job " + jobId + " in " + stream.stream() + ": "
                    + RedisSession.failure(where, ex).getMessage());
            return null;
        }
    }
}
