package io.emp.sample.worker;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobKeys;
import io.emp.sample.jobs.JobQueue;
import io.emp.sample.jobs.JobStatus;
import io.emp.sample.jobs.RedisSetup;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.emp.sample.worker.WorkerTestSupport.awaitSettled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One worker with every connector, against a real Redis: each job type end to end. */
class JobWorkerTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static final Duration JOB_TIMEOUT = Duration.ofMillis(400);

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> workerConnection;
    private static StatefulRedisConnection<String, String> testConnection;
    private static RedisCommands<String, String> redis;
    private static JobQueue queue;
    private static JobWorker worker;

    @BeforeAll
    static void startWorker() {
        client = RedisSetup.client(REDIS.uri());
        workerConnection = client.connect();
        testConnection = client.connect();
        redis = testConnection.sync();
        queue = new JobQueue(redis);
        queue.loadFunctions();
        worker = WorkerTestSupport.worker(workerConnection.sync(), "w-e2e",
                List.of("echo", "image-gen", "flaky", "slow"), 0, JOB_TIMEOUT);
        worker.start();
    }

    @AfterAll
    static void stopWorker() throws InterruptedException {
        worker.stop();
        assertTrue(worker.awaitStopped(Duration.ofSeconds(10)), "worker stops");
        assertEquals("stopped", redis.hget("worker:w-e2e", "status"));
        assertTrue(!redis.sismember(WorkerRegistration.ACTIVE, "w-e2e"), "worker left the active set");
        workerConnection.close();
        testConnection.close();
        client.shutdown();
    }

    @Test
    void registeredWhileRunning() {
        assertEquals("machine-test", redis.hget("worker:w-e2e", "machine_id"));
        assertEquals("echo,image-gen,flaky,slow", redis.hget("worker:w-e2e", "capabilities"));
        assertTrue(redis.sismember(WorkerRegistration.ACTIVE, "w-e2e"));
    }

    @Test
    void echoCompletesWithThePayloadAndIsBilled() throws Exception {
        Job job = awaitSettled(queue, queue.createJob("echo", Map.of("text", "hello"), 0).getId());

        assertEquals(JobStatus.COMPLETED, job.getStatus());
        assertEquals(Map.of("echo", Map.of("text", "hello")), job.getResult().orElseThrow());
        assertEquals("w-e2e", job.getWorkerId());
        assertEquals("machine-test", job.getMachineId());
        assertEquals("1", redis.hget(JobKeys.job(job.getId()), "credits"));
    }

    @Test
    void imageGenerationWritesProgressToTheJob() throws Exception {
        Job job = awaitSettled(queue, queue.createJob("image-gen",
                Map.of("prompt", "a red fox", "steps", 4, "stepDelayMs", 20), 0).getId());

        assertEquals(JobStatus.COMPLETED, job.getStatus());
        assertEquals(100, job.getProgress().orElseThrow());
        assertEquals("denoising step 4 of 4", redis.hget(JobKeys.job(job.getId()), "progress_message"));
        assertTrue(job.getResult().orElseThrow().get("imageUrl").toString().contains(job.getId()));
        assertEquals("4", redis.hget(JobKeys.job(job.getId()), "credits"));
    }

    @Test
    void failingJobIsRetriedThenFailed() throws Exception {
        Job job = awaitSettled(queue, queue.createJob("flaky", Map.of("fail", true), 2).getId());

        assertEquals(JobStatus.FAILED, job.getStatus());
        assertEquals(3, job.getAttempt(), "first run plus two retries");
        String error = job.getError().orElseThrow();
        assertTrue(error.startsWith("io.emp.sample.worker.connector.UpstreamServiceException: "), error);
        assertTrue(error.contains("attempt 3"), error);
        assertTrue(job.getFailedAt().isPresent());
        assertTrue(redis.hget(JobKeys.job(job.getId()), "credits") == null, "failed jobs are not billed");
    }

    @Test
    void retrySucceedsWhenTheServiceRecovers() throws Exception {
        Job job = awaitSettled(queue, queue.createJob("flaky", Map.of("failAttempts", 1), 1).getId());

        assertEquals(JobStatus.COMPLETED, job.getStatus());
        assertEquals(2, job.getAttempt());
        assertEquals(2, job.getResult().orElseThrow().get("attempt"));
        assertTrue(job.getLastError().orElseThrow().contains("HTTP 503"));
    }

    @Test
    void jobOverTheTimeoutFailsWithTimeoutException() throws Exception {
        long started = System.nanoTime();
        Job job = awaitSettled(queue, queue.createJob("slow", Map.of(), 0).getId());
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(JobStatus.FAILED, job.getStatus());
        String error = job.getError().orElseThrow();
        assertTrue(error.startsWith("java.util.concurrent.TimeoutException: "), error);
        assertTrue(error.contains("400 ms"), error);
        assertTrue(tookMs < 10_000, "failed at the timeout, not after the connector's 60 s: " + tookMs + " ms");
    }

    @Test
    void slowJobWithinTheTimeoutCompletes() throws Exception {
        Job job = awaitSettled(queue, queue.createJob("slow", Map.of("durationMs", 10), 0).getId());
        assertEquals(JobStatus.COMPLETED, job.getStatus());
    }

    @Test
    void invalidPayloadFailsTheJobWithTheConnectorsReason() throws Exception {
        Job job = awaitSettled(queue, queue.createJob("image-gen", Map.of("steps", 3), 0).getId());
        assertEquals(JobStatus.FAILED, job.getStatus());
        assertTrue(job.getError().orElseThrow().startsWith("java.lang.IllegalArgumentException: payload.prompt"));
    }
}
