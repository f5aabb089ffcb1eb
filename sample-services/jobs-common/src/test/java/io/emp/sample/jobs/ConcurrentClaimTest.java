package io.emp.sample.jobs;

import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Workers racing on their own connections never claim the same job twice, and no job is left behind. */
class ConcurrentClaimTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static final int JOBS = 300;
    private static final int WORKERS = 4;

    @Test
    void racingWorkersClaimEachJobExactlyOnce() throws Exception {
        RedisClient client = RedisSetup.client(REDIS.uri());
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            StatefulRedisConnection<String, String> setup = client.connect();
            connections.add(setup);
            JobQueue producer = new JobQueue(setup.sync());
            producer.loadFunctions();
            Set<String> created = new HashSet<>();
            for (int i = 0; i < JOBS; i++) {
                created.add(producer.createJob(i % 2 == 0 ? "echo" : "image-gen", Map.of("i", i), 0).getId());
            }

            List<Future<List<String>>> claims = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                StatefulRedisConnection<String, String> own = client.connect();
                connections.add(own);
                JobQueue queue = new JobQueue(own.sync());
                String workerId = "w" + w;
                claims.add(pool.submit(claimUntilEmpty(queue, workerId)));
            }

            List<String> all = new ArrayList<>();
            for (Future<List<String>> claim : claims) all.addAll(claim.get());
            assertEquals(JOBS, all.size(), "every job claimed once");
            assertEquals(created, new HashSet<>(all), "no job claimed twice, none missed");
        } finally {
            pool.shutdownNow();
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown();
        }
    }

    private static Callable<List<String>> claimUntilEmpty(JobQueue queue, String workerId) {
        return () -> {
            List<String> mine = new ArrayList<>();
            Optional<Job> job;
            while ((job = queue.claimJob(List.of("echo", "image-gen"), workerId, "m")).isPresent()) {
                assertEquals(workerId, job.get().getWorkerId());
                mine.add(job.get().getId());
            }
            return mine;
        };
    }
}
