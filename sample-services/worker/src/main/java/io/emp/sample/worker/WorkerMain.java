package io.emp.sample.worker;

import io.emp.sample.jobs.JobQueue;
import io.emp.sample.jobs.RedisSetup;
import io.emp.sample.worker.billing.BillingRecorder;
import io.emp.sample.worker.connector.Connectors;
import io.emp.sample.worker.connector.JobConnector;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar worker.jar}: processes jobs until SIGTERM, or until {@code MAX_JOBS} jobs are done. */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        WorkerConfig config;
        Map<String, JobConnector> connectors;
        try {
            config = WorkerConfig.fromEnv(System.getenv());
            connectors = Connectors.forCapabilities(config.capabilities());
        } catch (IllegalArgumentException e) {
            System.err.println("worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("worker " + config.workerId() + " starting (redis " + RedisSetup.redact(config.redisUrl()) + ")");

        RedisClient client = RedisSetup.client(config.redisUrl());
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RuntimeException e) {
            System.err.println("worker: cannot connect to redis " + RedisSetup.redact(config.redisUrl()) + ": " + e.getMessage());
            client.shutdown();
            System.exit(1);
            return;
        }
        RedisCommands<String, String> redis = connection.sync();
        JobQueue queue = new JobQueue(redis);
        queue.loadFunctions();
        JobWorker worker = new JobWorker(config, queue, connectors,
                new WorkerRegistration(redis, config.workerId()), new BillingRecorder(redis));

        CountDownLatch cleanedUp = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.stop();
            try {
                // Let the job in hand finish (bounded by its timeout) and main close Redis.
                cleanedUp.await(config.jobTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-shutdown"));

        worker.start();
        while (!worker.awaitStopped(Duration.ofSeconds(1))) {
            // Woken by MAX_JOBS reached or by the shutdown hook's stop().
        }
        connection.close();
        client.shutdown();
        cleanedUp.countDown();
    }
}
