package io.emp.telemetry.e2e;

import com.sun.net.httpserver.HttpServer;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sample-services/reactions.yaml run by the packaged collector behind the sample system: job state hashes,
 * the classified failure and its scheduled retry (through emp_jobs' retry_job) in the flaky job's timeline, the
 * signed completion webhook, the workers registry and usage per model.
 */
class SampleReactionsE2ETest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String SECRET = "e2e-secret";

    private static ServiceProcesses processes;
    private static SampleSystem system;
    private static HttpServer hooks;
    private static final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        hooks.createContext("/", ex -> {
            received.add(new String[]{new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    ex.getRequestHeaders().getFirst("X-Emp-Signature-256")});
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hooks.start();
        processes = new ServiceProcesses(Artifacts.logsDir(SampleReactionsE2ETest.class));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMP_REDIS_URL", REDIS.uri());
        env.put("EMP_EXPORTERS", "file");
        env.put("EMP_COLLECTOR_FILE_PATH", Artifacts.logsDir(SampleReactionsE2ETest.class).resolve("events.jsonl").toString());
        env.put("EMP_COLLECTOR_HEALTH_PORT", "-1");
        env.put("EMP_REACTIONS", sampleReactionsWithLongRetryDelay().toString());
        env.put("EMP_DEMO_WEBHOOK_URL", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/jobs/completed");
        env.put("EMP_DEMO_WEBHOOK_SECRET", SECRET);
        ServiceProcess collector = processes.start(new Launch("collector-reactions", List.of("-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx128m", "-jar", Artifacts.collectorJar().toString(), "run"), env));
        // The reactions group starts at the end of the streams: the jobs come after it exists.
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(REDIS.uri());
        try (var c = client.connect()) {
            Await.until(SampleSystem.START_TIMEOUT, () -> groupExists(c.sync()),
                    () -> "the collector did not create the reactions group" + collector.logs());
        } finally {
            client.shutdown();
        }
        system = SampleSystem.start(REDIS.uri(), processes);
    }

    @AfterAll
    static void stopAll() {
        try {
            if (system != null) system.close();
        } finally {
            processes.close();
            if (hooks != null) hooks.stop(0);
        }
    }

    @Test
    void theSampleReactionsKeepStateRetryNotifyAndCount() throws Exception {
        RedisCommands<String, String> redis = system.streams.redis();
        List<String> completed = List.of(system.echoJob, system.imageJob, system.tracedJob);
        Await.until(Duration.ofSeconds(60), () -> completed.stream().allMatch(j -> "completed".equals(redis.hget("job:" + j + ":state", "status")))
                        && "failed".equals(redis.hget("job:" + system.flakyJob + ":state", "status"))
                        && received.size() >= 3
                        && system.streams.ofJob(system.flakyJob).stream().anyMatch(e -> e.type().equals("job.retry_scheduled")),
                () -> "reactions did not finish: states " + completed.stream().map(j -> redis.hgetall("job:" + j + ":state")).toList()
                        + " flaky " + redis.hgetall("job:" + system.flakyJob + ":state") + " webhooks " + received.size()
                        + processes.logs());

        Map<String, String> flaky = redis.hgetall("job:" + system.flakyJob + ":state");
        assertAll(flaky.toString(),
                () -> assertEquals("upstream", flaky.get("errorCategory")),
                () -> assertEquals("true", flaky.get("recoverable")),
                () -> assertTrue(flaky.get("error").contains("HTTP 503")));
        // The retry went through the jobs library: scheduled once, due later.
        assertEquals("retry_scheduled", redis.hget("job:" + system.flakyJob, "status"));
        assertEquals("1", redis.hget("job:" + system.flakyJob, "retries_scheduled"));
        // Scheduled once (retries_scheduled above) and due later; the set is named in full if that fails.
        Double due = redis.zscore("jobs:delayed", system.flakyJob);
        assertTrue(due != null && due > System.currentTimeMillis(), () -> "jobs:delayed "
                + redis.zrangeWithScores("jobs:delayed", 0, -1) + ", jobs " + system.allJobs());
        // The flaky job's timeline ends with the classification and the scheduled retry.
        List<StoredEvent> timeline = system.streams.ofJob(system.flakyJob).stream()
                .sorted(java.util.Comparator.comparingLong(e -> e.event().timestamp())).toList();
        List<String> tail = timeline.subList(Math.max(0, timeline.size() - 3), timeline.size()).stream().map(StoredEvent::type).toList();
        assertTrue(tail.containsAll(List.of("reaction.executed", "job.retry_scheduled")), tail.toString());
        StoredEvent executed = timeline.stream().filter(e -> e.type().equals("reaction.executed")
                && "job-failed".equals(e.attributeText("reaction.id"))).findFirst().orElseThrow();
        assertEquals("upstream", executed.attributeText("failure.category"));
        assertEquals("true", executed.attributeText("failure.retry"));
        assertEquals(executed.event().traceId(), io.emp.telemetry.schema.JobTrace.traceId(system.flakyJob));
        // Webhook per completed job, signed with the secret.
        assertEquals(3, received.size());
        for (String[] r : received) assertEquals("sha256=" + hmac(r[0]), r[1]);
        // Worker registry and usage per model.
        assertTrue(redis.hget("workers", SampleSystem.WORKER_ID).startsWith("worker.ready@"), redis.hgetall("workers").toString());
        assertEquals("3", redis.hget("usage:models", "unknown"));
        // Everything read is acknowledged once its batch is done. The workers keep emitting, so a batch may be in
        // flight at any instant: the group must drain, not be empty at one arbitrary moment.
        Await.until(Duration.ofSeconds(20),
                () -> redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.REACTIONS_GROUP).getCount() == 0,
                () -> "the reactions group left entries pending: "
                        + redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.REACTIONS_GROUP) + processes.logs());
    }

    /**
     * The sample file with the upstream retry pushed out of the test's reach: with the sample's 30 s the worker
     * claims the retried job again on a slow machine, fails it a third time and the reaction (rightly) schedules a
     * second retry, which is not what this test pins.
     */
    private static Path sampleReactionsWithLongRetryDelay() throws java.io.IOException {
        Path sample = Path.of(System.getProperty("e2e.repo.root", ".."), "sample-services", "reactions.yaml")
                .toAbsolutePath().normalize();
        String yaml = java.nio.file.Files.readString(sample);
        String delay = "retry: {delay: 30s, maxAttempts: 4}";
        assertTrue(yaml.contains(delay), "sample-services/reactions.yaml no longer has '" + delay + "'");
        Path copy = java.nio.file.Files.createDirectories(Artifacts.logsDir(SampleReactionsE2ETest.class))
                .resolve("reactions.yaml");
        java.nio.file.Files.writeString(copy, yaml.replace(delay, "retry: {delay: 1h, maxAttempts: 4}"));
        return copy;
    }

    private static boolean groupExists(RedisCommands<String, String> redis) {
        try {
            return redis.xinfoGroups(StreamDefaults.ERRORS_STREAM).toString().contains(StreamDefaults.REACTIONS_GROUP);
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
