package io.emp.sample.jobs;

import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Job priority, the submitting user and the time a job entered its queue, in the emp_jobs library on a real Redis. */
class PriorityAndQueueTimeTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;
    private static JobQueue queue;

    @BeforeAll
    static void connect() {
        client = RedisSetup.client(REDIS.uri());
        connection = client.connect();
        redis = connection.sync();
        queue = new JobQueue(redis);
    }

    @AfterAll
    static void close() {
        connection.close();
        client.shutdown();
    }

    @BeforeEach
    void freshQueue() {
        REDIS.flushAll();
        queue.loadFunctions();
    }

    @Test
    void priorityAndUserAreStoredAndReadBack() {
        Job created = queue.createJob("echo", Map.of(), 1, 7, "user-42");

        assertEquals(7, created.getPriority());
        assertEquals("user-42", created.getUserId());
        assertEquals("7", redis.hget(JobKeys.job(created.getId()), "priority"));
        assertEquals("user-42", redis.hget(JobKeys.job(created.getId()), "user_id"));
        Job plain = queue.createJob("echo", Map.of(), 0);
        assertEquals(Job.DEFAULT_PRIORITY, plain.getPriority());
        assertNull(plain.getUserId());
    }

    @Test
    void higherPriorityIsClaimedFirstAndEqualPrioritiesInOrder() {
        Job low1 = queue.createJob("echo", Map.of(), 0, 0, null);
        Job high = queue.createJob("image-gen", Map.of(), 0, 9, null);
        Job low2 = queue.createJob("echo", Map.of(), 0, 0, null);
        Job mid = queue.createJob("echo", Map.of(), 0, 5, null);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(queue.claimJob(List.of("echo", "image-gen"), "w1", "m1").orElseThrow().getId());
        }
        assertEquals(List.of(high.getId(), mid.getId(), low1.getId(), low2.getId()), order);
    }

    @Test
    void queuedAtIsTheCreationAndAgainTheRetrysRequeue() throws InterruptedException {
        Job created = queue.createJob("flaky", Map.of(), 1, 3, null);
        assertEquals(created.getCreatedAt(), (long) created.getQueuedAt().orElseThrow());

        Thread.sleep(5);
        Job first = queue.claimJob(List.of("flaky"), "w1", "m1").orElseThrow();
        assertTrue(first.getClaimedAt().orElseThrow() >= first.getQueuedAt().orElseThrow());
        Thread.sleep(5);
        Job requeued = queue.failJob(first, "w1", "boom");
        assertEquals(JobStatus.PENDING, requeued.getStatus());
        assertTrue(requeued.getQueuedAt().orElseThrow() > created.getQueuedAt().orElseThrow(),
                "the retry entered the queue again: " + requeued.getQueuedAt() + " vs " + created.getQueuedAt());
        assertEquals(3, requeued.getPriority(), "a retry keeps its priority");

        Job second = queue.claimJob(List.of("flaky"), "w2", "m1").orElseThrow();
        assertEquals(requeued.getQueuedAt(), second.getQueuedAt());
        assertEquals(2, second.getAttempt());
    }

    @Test
    void priorityOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> queue.createJob("echo", Map.of(), 0, -1, null));
        assertThrows(IllegalArgumentException.class, () -> queue.createJob("echo", Map.of(), 0, Job.MAX_PRIORITY + 1, null));
        // the library checks too, for clients other than JobQueue
        io.lettuce.core.RedisCommandExecutionException refused = assertThrows(
                io.lettuce.core.RedisCommandExecutionException.class, () -> redis.fcall(JobLibrary.CREATE_JOB,
                        io.lettuce.core.ScriptOutputType.MULTI, new String[] {JobKeys.job("x"), JobKeys.pending("echo")},
                        "x", "echo", "{}", "0", "12"));
        assertTrue(refused.getMessage().startsWith("ERR_ARGS priority"), refused.getMessage());
    }
}
