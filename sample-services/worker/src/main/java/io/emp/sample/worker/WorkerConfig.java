package io.emp.sample.worker;

import io.emp.sample.jobs.RedisSetup;
import io.emp.sample.worker.connector.Connectors;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Settings from the environment:
 * {@code WORKER_ID} (default worker-&lt;pid&gt;), {@code MACHINE_ID} (default the host name),
 * {@code WORKER_CAPABILITIES} (comma-separated job types, default all), {@code MAX_JOBS} (stop after
 * that many jobs, default 0 = run until SIGTERM), {@code JOB_TIMEOUT_MS} (default 30000),
 * {@code POLL_INTERVAL_MS} (longest idle wait between claims, default 500), {@code REDIS_URL}.
 */
public record WorkerConfig(String workerId, String machineId, List<String> capabilities, int maxJobs,
                           Duration jobTimeout, Duration maxIdleWait, String redisUrl) {

    public static WorkerConfig fromEnv(Map<String, String> env) {
        String workerId = env.getOrDefault("WORKER_ID", "worker-" + ProcessHandle.current().pid());
        String machineId = env.getOrDefault("MACHINE_ID", hostName());
        List<String> capabilities = env.containsKey("WORKER_CAPABILITIES")
                ? Arrays.stream(env.get("WORKER_CAPABILITIES").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : List.copyOf(Connectors.all().keySet());
        int maxJobs = (int) number(env, "MAX_JOBS", 0);
        Duration jobTimeout = Duration.ofMillis(number(env, "JOB_TIMEOUT_MS", 30_000));
        Duration maxIdleWait = Duration.ofMillis(number(env, "POLL_INTERVAL_MS", 500));
        if (jobTimeout.isZero()) throw new IllegalArgumentException("JOB_TIMEOUT_MS must be positive");
        if (maxIdleWait.isZero()) throw new IllegalArgumentException("POLL_INTERVAL_MS must be positive");
        return new WorkerConfig(workerId, machineId, capabilities, maxJobs, jobTimeout, maxIdleWait,
                env.getOrDefault("REDIS_URL", RedisSetup.DEFAULT_URL));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) return fallback;
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) throw new IllegalArgumentException(name + " must be >= 0, got " + value);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
