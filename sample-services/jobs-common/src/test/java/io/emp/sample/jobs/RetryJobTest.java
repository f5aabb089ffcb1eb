package io.emp.sample.jobs;

import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** retry_job: a failed job is scheduled once, becomes claimable when due, and not beyond max_attempts. */
class RetryJobTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisSetup.client(REDIS.uri());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    static void close() {
        connection.close();
        client.shutdown();
    }

    private static String retry(String jobId, long delayMs, int maxAttempts) {
        Object reply = redis.fcall(JobLibrary.RETRY_JOB, ScriptOutputType.MULTI, new String[]{JobKeys.job(jobId)},
                Long.toString(delayMs), Integer.toString(maxAttempts), "upstream");
        List<?> flat = (List<?>) reply;
        for (int i = 0; i < flat.size(); i += 2) if ("status".equals(flat.get(i))) return (String) flat.get(i + 1);
        return null;
    }

    @Test
    void failedJobIsRetriedAfterTheDelayOnce() throws Exception {
        REDIS.flushAll();
        JobQueue queue = new JobQueue(redis);
        queue.loadFunctions();
        Job job = queue.createJob("flaky", Map.of(), 0);
        Job claimed = queue.claimJob(List.of("flaky"), "w1", "m1").orElseThrow();
        assertEquals(JobStatus.FAILED, queue.failJob(claimed, "w1", "HTTP 503").getStatus());

        assertEquals("retry_scheduled", retry(job.getId(), 300, 3));
        assertEquals("retry_scheduled", retry(job.getId(), 300, 3), "a second call does not schedule again");
        assertEquals("1", redis.hget(JobKeys.job(job.getId()), "retries_scheduled"));
        assertEquals(JobStatus.RETRY_SCHEDULED, queue.findJob(job.getId()).orElseThrow().getStatus());
        assertTrue(queue.claimJob(List.of("flaky"), "w1", "m1").isEmpty(), "not due yet");

        Thread.sleep(400);
        Job again = queue.claimJob(List.of("flaky"), "w2", "m1").orElseThrow();
        assertEquals(job.getId(), again.getId());
        assertEquals(2, again.getAttempt());
        assertEquals(JobStatus.FAILED, queue.failJob(again, "w2", "HTTP 503").getStatus());
        assertEquals("failed", retry(job.getId(), 0, 2), "attempts used up: not scheduled again");
        assertEquals(0, redis.zcard("jobs:delayed"));
    }
}
