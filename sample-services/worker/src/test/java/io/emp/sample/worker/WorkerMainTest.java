package io.emp.sample.worker;

import io.emp.telemetry.testing.ServiceProcess;
import io.emp.sample.jobs.JobQueue;
import io.emp.sample.jobs.JobStatus;
import io.emp.sample.jobs.RedisSetup;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real entry point in its own JVM: env configuration, MAX_JOBS, SIGTERM. */
class WorkerMainTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static JobQueue queue;

    @BeforeAll
    static void connect() {
        client = RedisSetup.client(REDIS.uri());
        connection = client.connect();
        queue = new JobQueue(connection.sync());
        queue.loadFunctions();
    }

    @AfterAll
    static void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void exitsAfterMaxJobs() throws Exception {
        String first = queue.createJob("echo", Map.of("n", 1), 0).getId();
        String second = queue.createJob("echo", Map.of("n", 2), 0).getId();
        try (ServiceProcess worker = ServiceProcess.start(WorkerMain.class.getName(), Map.of(
                "REDIS_URL", REDIS.uri(), "WORKER_ID", "w-max", "MACHINE_ID", "m-1",
                "WORKER_CAPABILITIES", "echo", "MAX_JOBS", "2"))) {
            worker.awaitLine("worker w-max ready \\(machine m-1, capabilities echo\\)", Duration.ofSeconds(20));
            assertEquals(0, worker.awaitExit(Duration.ofSeconds(20)), worker.output());
            assertTrue(worker.output().contains("worker w-max stopped after 2 job(s)"), worker.output());
        }
        assertEquals(JobStatus.COMPLETED, queue.findJob(first).orElseThrow().getStatus());
        assertEquals(JobStatus.COMPLETED, queue.findJob(second).orElseThrow().getStatus());
    }

    @Test
    void sigtermFinishesTheJobInHandThenStops() throws Exception {
        try (ServiceProcess worker = ServiceProcess.start(WorkerMain.class.getName(), Map.of(
                "REDIS_URL", REDIS.uri(), "WORKER_ID", "w-term", "WORKER_CAPABILITIES", "slow"))) {
            worker.awaitLine("worker w-term ready .*", Duration.ofSeconds(20));
            String job = queue.createJob("slow", Map.of("durationMs", 1500), 0).getId();
            worker.awaitLine(".*claimed job " + job + " type=slow.*", Duration.ofSeconds(10));

            assertEquals(143, worker.terminate(Duration.ofSeconds(15)));
            assertEquals(JobStatus.COMPLETED, queue.findJob(job).orElseThrow().getStatus(), worker.output());
            assertTrue(worker.output().contains("worker w-term stopped after 1 job(s)"), worker.output());
            assertEquals("stopped", connection.sync().hget("worker:w-term", "status"));
        }
    }

    @Test
    void unknownCapabilityIsAClearError() throws Exception {
        try (ServiceProcess worker = ServiceProcess.start(WorkerMain.class.getName(), Map.of(
                "REDIS_URL", REDIS.uri(), "WORKER_CAPABILITIES", "echo,video"))) {
            assertEquals(2, worker.awaitExit(Duration.ofSeconds(20)));
            assertEquals("worker: unknown capability 'video'; known job types: [echo, image-gen, flaky, slow, llm]",
                    worker.output().strip());
        }
    }
}
