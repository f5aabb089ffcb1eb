package io.emp.telemetry.collector.console.action;

import io.emp.telemetry.collector.reactions.JobRetry;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.UUID;

/**
 * How the console's retry reaches Redis: the reactions file's own retry action when the collector runs
 * reactions (one definition of "retry a job" for reactions and console), else a plain
 * {@code FCALL <function> 1 <jobId>} of {@code collector.console.retry-function}.
 */
public interface RetryCall {
    /** The Redis function called, for the event recorded in the job's trace. */
    String function();

    /** Calls it for {@code jobId}; the reply as text (may be null). */
    String call(String jobId) throws Exception;

    static RetryCall fcall(RedisCommands<String, String> redis, String function) {
        return new RetryCall() {
            @Override
            public String function() {
                return function;
            }

            @Override
            public String call(String jobId) {
                Object reply = redis.fcall(function, ScriptOutputType.VALUE, new String[]{jobId});
                return reply == null ? null : reply.toString();
            }
        };
    }

    /** The reactions' retry action ({@link JobRetry}), with no delay; each console request is its own idempotency key. */
    static RetryCall reactions(RedisCommands<String, String> redis, JobRetry retry) {
        return new RetryCall() {
            @Override
            public String function() {
                try {
                    String[] words = retry.describe("job", 0).split(" ");
                    return words.length > 1 ? words[1] : retry.describe("job", 0);
                } catch (Exception e) {
                    return "reactions retry action";
                }
            }

            @Override
            public String call(String jobId) throws Exception {
                return retry.retry(redis, jobId, 0, UUID.randomUUID().toString()) ? "scheduled" : "already done";
            }
        };
    }
}
