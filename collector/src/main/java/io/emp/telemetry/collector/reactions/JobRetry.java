package io.emp.telemetry.collector.reactions;

import io.emp.telemetry.collector.reactions.actions.Action;
import io.emp.telemetry.collector.reactions.actions.ActionRuntime;
import io.emp.telemetry.collector.reactions.actions.FcallAction;
import io.emp.telemetry.collector.reactions.classify.Failure;
import io.emp.telemetry.collector.reactions.delivery.Idempotency;
import io.emp.telemetry.collector.reactions.file.Reaction;
import io.emp.telemetry.collector.reactions.file.ReactionsFile;
import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.Optional;

/**
 * "Retry this job now" through the reactions file's own retry: the first {@code redis.fcall} action whose id is
 * {@code retry} (else the first {@code redis.fcall} at all), filled in for a {@code job.retry_requested} event of
 * the job with {@code failure.retry = true}, {@code failure.delayMs} as given. For the web console and scripts.
 */
public final class JobRetry {
    private final String reactionId;
    private final Action action;

    private JobRetry(String reactionId, Action action) {
        this.reactionId = reactionId;
        this.action = action;
    }

    /** The retry action of a compiled file, if it has one. */
    public static Optional<JobRetry> from(ReactionsFile file) {
        JobRetry any = null;
        for (Reaction r : file.reactions()) {
            for (Action a : r.actions()) {
                if (!(a.planner() instanceof FcallAction)) continue;
                if (a.id().equals("retry")) return Optional.of(new JobRetry(r.id(), a));
                if (any == null) any = new JobRetry(r.id(), a);
            }
        }
        return Optional.ofNullable(any);
    }

    /** What would be called, e.g. {@code FCALL retry_job 1 job:42 0 1000 manual}. */
    public String describe(String jobId, long delayMs) throws Template.MissingValue {
        return action.planner().plan(context(jobId, delayMs, "dry-run")).describe();
    }

    /**
     * Calls the function once for this request ({@code requestId} makes it idempotent: the same id never
     * retries twice).
     *
     * @return true when the function ran, false when this request had already been carried out
     * @throws Template.MissingValue when the action reads an event value a manual request does not have
     */
    public boolean retry(RedisCommands<String, String> redis, String jobId, long delayMs, String requestId)
            throws Template.MissingValue {
        EventContext ctx = context(jobId, delayMs, requestId);
        ActionRuntime rt = new ActionRuntime(new Idempotency(redis, 24 * 3600), null);
        try {
            return action.planner().plan(ctx).run(rt, Idempotency.key(reactionId, "manual-" + requestId, action.id()));
        } catch (Template.MissingValue | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private EventContext context(String jobId, long delayMs, String requestId) {
        TelemetryEvent e = TelemetryEvent.builder("job.retry_requested").timestamp(System.currentTimeMillis())
                .service("emp-console").traceId(JobTrace.traceId(jobId)).spanId(JobTrace.rootSpanId(jobId)).jobId(jobId)
                .build();
        Failure f = new Failure("manual", null, "retry requested", "manual", true, true, delayMs, 0, Integer.MAX_VALUE);
        return new EventContext(e, "manual", requestId, f, reactionId, System.currentTimeMillis());
    }
}
