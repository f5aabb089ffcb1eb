package io.emp.sample.worker;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobQueue;
import io.emp.sample.jobs.JobStatus;
import io.emp.sample.jobs.RedisSetup;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workers take only the job types they can run, share the queue, and stop after MAX_JOBS. */
class WorkerCapabilityTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void workersSplitTheQueueByCapabilityAndStopAfterMaxJobs() throws Exception {
        RedisClient client = RedisSetup.client(REDIS.uri());
        try (StatefulRedisConnection<String, String> a = client.connect();
             StatefulRedisConnection<String, String> b = client.connect();
             StatefulRedisConnection<String, String> test = client.connect()) {
            JobQueue queue = new JobQueue(test.sync());
            queue.loadFunctions();
            Job image = queue.createJob("image-gen", Map.of("prompt", "p", "steps", 1, "stepDelayMs", 1), 0);
            List<String> echoes = new ArrayList<>();
            for (int i = 0; i < 10; i++) echoes.add(queue.createJob("echo", Map.of("i", i), 0).getId());

            JobWorker echoOnlyA = WorkerTestSupport.worker(a.sync(), "w-a", List.of("echo"), 5, Duration.ofSeconds(5));
            JobWorker echoOnlyB = WorkerTestSupport.worker(b.sync(), "w-b", List.of("echo"), 5, Duration.ofSeconds(5));
            echoOnlyA.start();
            echoOnlyB.start();
            assertTrue(echoOnlyA.awaitStopped(Duration.ofSeconds(15)), "w-a stops after MAX_JOBS");
            assertTrue(echoOnlyB.awaitStopped(Duration.ofSeconds(15)), "w-b stops after MAX_JOBS");

            Set<String> workers = new HashSet<>();
            for (String id : echoes) {
                Job job = queue.findJob(id).orElseThrow();
                assertEquals(JobStatus.COMPLETED, job.getStatus());
                workers.add(job.getWorkerId());
            }
            assertEquals(Set.of("w-a", "w-b"), workers, "each worker did its five");
            assertEquals(5, echoOnlyA.jobsProcessed());
            assertEquals(5, echoOnlyB.jobsProcessed());
            assertEquals(JobStatus.PENDING, queue.findJob(image.getId()).orElseThrow().getStatus(),
                    "no echo-only worker touched the image job");
        } finally {
            client.shutdown();
        }
    }
}
