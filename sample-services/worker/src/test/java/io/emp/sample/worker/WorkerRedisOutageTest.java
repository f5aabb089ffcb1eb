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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A worker survives Redis going away: it backs off, reconnects, reloads the library and carries on. */
class WorkerRedisOutageTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void keepsWorkingAfterRedisRestarts() throws Exception {
        assumeTrue(REDIS.canRestart(), "needs a Redis the test may stop");
        RedisClient client = RedisSetup.client(REDIS.uri());
        try (StatefulRedisConnection<String, String> workerConnection = client.connect();
             StatefulRedisConnection<String, String> test = client.connect()) {
            JobQueue queue = new JobQueue(test.sync());
            queue.loadFunctions();
            JobWorker worker = WorkerTestSupport.worker(workerConnection.sync(), "w-outage", List.of("echo"), 0,
                    Duration.ofSeconds(5));
            worker.start();
            try {
                String before = queue.createJob("echo", Map.of("n", 1), 0).getId();
                assertEquals(JobStatus.COMPLETED, WorkerTestSupport.awaitSettled(queue, before).getStatus());

                REDIS.stop();
                Thread.sleep(300); // the worker polls a dead server for a while
                REDIS.start();

                // The restarted server is empty: no functions until a client reloads them.
                Job after = createWhenReconnected(queue);
                assertEquals(JobStatus.COMPLETED, WorkerTestSupport.awaitSettled(queue, after.getId()).getStatus());
            } finally {
                worker.stop();
                assertTrue(worker.awaitStopped(Duration.ofSeconds(10)));
            }
        } finally {
            client.shutdown();
        }
    }

    private static Job createWhenReconnected(JobQueue queue) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return queue.createJob("echo", Map.of("n", 2), 0);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(100);
            }
        }
    }
}
