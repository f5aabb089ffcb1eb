package io.emp.telemetry.collector.reactions;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collector JVM killed with SIGKILL after a webhook and a retry ran but before the entry was acknowledged
 * (its third action hangs); restarted with the same consumer name: the webhook and the retry are not repeated.
 */
class ReactionsCrashTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void killedBetweenActionAndAckRepeatsNothing() throws Exception {
        RedisClient client = RedisClient.create(REDIS.uri());
        Process first = null;
        try (StatefulRedisConnection<String, String> conn = client.connect(); WebhookReceiver hooks = new WebhookReceiver()) {
            RedisCommands<String, String> redis = conn.sync();
            redis.functionLoad(ReactionsEngineTest.LIB, true);
            Path dir = Files.createTempDirectory("reactions-crash");
            Path file = dir.resolve("reactions.yaml");
            Files.writeString(file, String.join("\n",
                    "reactions:",
                    "  - id: failed",
                    "    on: job.failed",
                    "    actions:",
                    "      - webhook: {url: '" + hooks.url("/first") + "'}",
                    "      - redis.fcall: {function: requeue, keys: ['job:{jobId}'], args: ['5']}",
                    "      - webhook: {url: '" + hooks.url("/slow/") + "{jobId}', timeout: 2m}",
                    ""));
            TestConfig config = new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                    .set("EMP_COLLECTOR_FILE_PATH", dir.resolve("events.jsonl").toString())
                    .set("EMP_REACTIONS", file.toString()).set("EMP_COLLECTOR_CONSUMER", "crashy")
                    .set("EMP_COLLECTOR_CLAIM_IDLE", "10m");
            hooks.slowPath = "/slow/k2"; // k0 and k1 finish; k2 hangs in its third action
            hooks.delayMs = 120_000;
            first = startCollectorJvm(config);
            Process a = first;
            Await.until(Duration.ofSeconds(60), () -> groupExists(redis), () -> "reactions group not created; alive=" + a.isAlive());
            for (int i = 0; i < 3; i++) {
                TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.failed", "worker").jobId("k" + i).build());
            }
            // /first answers at once and the retry runs for every job; k2's third action hangs: its entry is not acknowledged.
            Await.until(Duration.ofSeconds(30), () -> hooks.accepted("/first").size() == 3
                            && List.of("k0", "k1", "k2").stream().allMatch(j -> "1".equals(redis.hget("job:" + j, "requeued"))),
                    () -> "first actions not done: " + hooks.requests);
            Await.until(Duration.ofSeconds(10), () -> hooks.accepted("/slow/k0").size() == 1 && hooks.accepted("/slow/k1").size() == 1,
                    () -> "k0/k1 not finished: " + hooks.requests);
            Thread.sleep(300);
            first.destroyForcibly(); // SIGKILL
            first.waitFor(10, TimeUnit.SECONDS);
            // k2 (and k0/k1 when they were in k2's batch: a batch is acknowledged as a whole) is pending.
            long pending = redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.REACTIONS_GROUP).getCount();
            assertTrue(pending >= 1, "killed between the actions and the acknowledgement");
            hooks.delayMs = 0;
            try (Collector second = Collector.start(config.build())) {
                Await.until(Duration.ofSeconds(60), () -> redis.xpending(StreamDefaults.EVENTS_STREAM,
                        StreamDefaults.REACTIONS_GROUP).getCount() == 0, () -> "still pending");
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("1", redis.hget("job:k" + i, "requeued"), "retry of k" + i + " scheduled exactly once");
            }
            assertEquals(3, hooks.accepted("/first").stream().map(r -> r.header("Idempotency-Key")).distinct().count());
            assertEquals(3, hooks.accepted("/first").size(), "each webhook received exactly once: " + hooks.accepted("/first"));
            Await.until(Duration.ofSeconds(5), () -> hooks.accepted("/slow/k2").size() == 1, () -> "k2 unfinished: " + hooks.requests);
            assertEquals(1, hooks.accepted("/slow/k0").size(), "finished entries are not run again");
        } finally {
            if (first != null) first.destroyForcibly();
            client.shutdown();
        }
    }

    private static boolean groupExists(RedisCommands<String, String> redis) {
        try {
            return redis.xinfoGroups(StreamDefaults.EVENTS_STREAM).size() >= 2;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Process startCollectorJvm(TestConfig config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "io.emp.telemetry.collector.cli.CollectorCli", "run"));
        pb.environment().putAll(config.env());
        pb.redirectErrorStream(true).redirectOutput(new File("target/reactions-crash.log"));
        return pb.start();
    }
}
