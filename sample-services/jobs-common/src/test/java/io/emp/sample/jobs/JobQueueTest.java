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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emp_jobs function library against a real Redis. */
class JobQueueTest {
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
    void createdJobIsPendingAndReadable() {
        Job created = queue.createJob("echo", Map.of("text", "hi", "n", 3), 2);

        assertEquals(JobStatus.PENDING, created.getStatus());
        assertEquals(0, created.getAttempt());
        assertEquals(2, created.getMaxRetries());
        assertTrue(created.getCreatedAt() > 0);
        Job read = queue.findJob(created.getId()).orElseThrow();
        assertEquals(Map.of("text", "hi", "n", 3), read.getPayload());
        assertEquals("echo", read.getType());
        assertEquals(List.of(created.getId()), redis.zrange(JobKeys.pending("echo"), 0, -1));
    }

    @Test
    void unknownJobIsEmpty() {
        assertTrue(queue.findJob("no-such-job").isEmpty());
    }

    @Test
    void loadingTwiceReplacesTheLibrary() {
        queue.loadFunctions();
        queue.loadFunctions();
        assertEquals(1, redis.functionList(JobLibrary.NAME).size());
    }

    @Test
    void libraryLostByRedisIsReloadedOnFirstUse() {
        Job created = queue.createJob("echo", Map.of(), 0);
        redis.functionFlush(io.lettuce.core.FlushMode.SYNC);
        assertTrue(queue.findJob(created.getId()).isPresent());

        redis.functionFlush(io.lettuce.core.FlushMode.SYNC);
        assertEquals(created.getId(), queue.claimJob(List.of("echo"), "w1", "m1").orElseThrow().getId());
        assertEquals(1, redis.functionList(JobLibrary.NAME).size());
    }

    @Test
    void workerClaimsOnlyTypesItCanRun() {
        Job image = queue.createJob("image-gen", Map.of(), 0);
        Job echo = queue.createJob("echo", Map.of(), 0);

        Job claimed = queue.claimJob(List.of("echo"), "w1", "m1").orElseThrow();

        assertEquals(echo.getId(), claimed.getId());
        assertEquals(JobStatus.CLAIMED, claimed.getStatus());
        assertEquals("w1", claimed.getWorkerId());
        assertEquals("m1", claimed.getMachineId());
        assertEquals(1, claimed.getAttempt());
        assertTrue(claimed.getClaimedAt().isPresent());
        assertTrue(queue.claimJob(List.of("echo"), "w1", "m1").isEmpty());
        assertEquals(image.getId(), queue.claimJob(List.of("echo", "image-gen"), "w2", "m1").orElseThrow().getId());
    }

    @Test
    void oldestJobAcrossCapabilitiesIsClaimedFirst() {
        Job first = queue.createJob("image-gen", Map.of(), 0);
        Job second = queue.createJob("echo", Map.of(), 0);
        Job third = queue.createJob("image-gen", Map.of(), 0);

        List<String> caps = List.of("echo", "image-gen");
        assertEquals(first.getId(), queue.claimJob(caps, "w", "m").orElseThrow().getId());
        assertEquals(second.getId(), queue.claimJob(caps, "w", "m").orElseThrow().getId());
        assertEquals(third.getId(), queue.claimJob(caps, "w", "m").orElseThrow().getId());
        assertTrue(queue.claimJob(caps, "w", "m").isEmpty());
    }

    @Test
    void ownerCompletesJobWithResult() {
        queue.createJob("echo", Map.of(), 0);
        Job claimed = queue.claimJob(List.of("echo"), "w1", "m1").orElseThrow();

        Job done = queue.completeJob(claimed, "w1", Map.of("echo", "hi"));

        assertEquals(JobStatus.COMPLETED, done.getStatus());
        assertEquals(Map.of("echo", "hi"), done.getResult().orElseThrow());
        assertTrue(done.getCompletedAt().isPresent());
    }

    @Test
    void onlyTheClaimingWorkerMayFinishAJob() {
        queue.createJob("echo", Map.of(), 0);
        Job claimed = queue.claimJob(List.of("echo"), "w1", "m1").orElseThrow();

        JobRejectedException rejected = assertThrows(JobRejectedException.class,
                () -> queue.completeJob(claimed, "w2", Map.of()));
        assertEquals("NOT_CLAIMED", rejected.code());
        assertEquals("NOT_CLAIMED", assertThrows(JobRejectedException.class,
                () -> queue.failJob(claimed, "w2", "boom")).code());
        queue.completeJob(claimed, "w1", Map.of());
        assertEquals("NOT_CLAIMED", assertThrows(JobRejectedException.class,
                () -> queue.completeJob(claimed, "w1", Map.of())).code());
    }

    @Test
    void failingRequeuesWhileRetriesRemainThenMarksFailed() {
        Job created = queue.createJob("flaky", Map.of(), 1);

        Job firstRun = queue.claimJob(List.of("flaky"), "w1", "m1").orElseThrow();
        Job afterFirst = queue.failJob(firstRun, "w1", "boom 1");
        assertEquals(JobStatus.PENDING, afterFirst.getStatus());
        assertEquals("boom 1", afterFirst.getLastError().orElseThrow());
        assertTrue(afterFirst.getWorkerId() == null, "a re-queued job belongs to no worker");

        Job retry = queue.claimJob(List.of("flaky"), "w2", "m2").orElseThrow();
        assertEquals(created.getId(), retry.getId());
        assertEquals(2, retry.getAttempt());
        Job afterSecond = queue.failJob(retry, "w2", "boom 2");

        assertEquals(JobStatus.FAILED, afterSecond.getStatus());
        assertEquals("boom 2", afterSecond.getError().orElseThrow());
        assertTrue(afterSecond.getFailedAt().isPresent());
        assertTrue(queue.claimJob(List.of("flaky"), "w1", "m1").isEmpty());
    }

    @Test
    void jobWithoutRetriesFailsAtOnce() {
        queue.createJob("flaky", Map.of(), 0);
        Job claimed = queue.claimJob(List.of("flaky"), "w1", "m1").orElseThrow();
        assertEquals(JobStatus.FAILED, queue.failJob(claimed, "w1", "boom").getStatus());
    }

    @Test
    void progressIsWrittenToTheJobHash() {
        Job created = queue.createJob("image-gen", Map.of(), 0);
        queue.recordProgress(created.getId(), 40, "step 2 of 5");
        assertEquals(40, queue.findJob(created.getId()).orElseThrow().getProgress().orElseThrow());
        assertEquals("step 2 of 5", redis.hget(JobKeys.job(created.getId()), "progress_message"));
    }

    @Test
    void invalidInputIsRefusedBeforeRedis() {
        assertThrows(IllegalArgumentException.class, () -> queue.createJob("Bad Type!", Map.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> queue.createJob("echo", Map.of(), -1));
    }

    @Test
    void deletedJobHashIsSkippedWhenClaiming() {
        Job orphan = queue.createJob("echo", Map.of(), 0);
        Job next = queue.createJob("echo", Map.of(), 0);
        redis.del(JobKeys.job(orphan.getId()));

        assertEquals(next.getId(), queue.claimJob(List.of("echo"), "w1", "m1").orElseThrow().getId());
    }
}
