package io.emp.telemetry.collector.reactions;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.reactions.file.ReactionsFile;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reacting and exporting do not wait for each other; the console's retry goes through the file's retry action. */
class SlowReactionsTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void aHangingWebhookDoesNotDelayFileExport() throws Exception {
        REDIS.flushAll();
        RedisClient client = RedisClient.create(REDIS.uri());
        Path dir = Files.createTempDirectory("slow-reactions");
        try (StatefulRedisConnection<String, String> conn = client.connect(); WebhookReceiver hooks = new WebhookReceiver()) {
            RedisCommands<String, String> redis = conn.sync();
            hooks.delayMs = 60_000;
            Path file = dir.resolve("reactions.yaml");
            Files.writeString(file, "reactions:\n  - id: slow\n    on: job.*\n    actions:\n      - webhook: {url: '"
                    + hooks.url("/slow") + "', timeout: 2m}\n");
            Path events = dir.resolve("events.jsonl");
            TestConfig config = new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                    .set("EMP_COLLECTOR_FILE_PATH", events.toString()).set("EMP_REACTIONS", file.toString());
            try (Collector collector = Collector.start(config.build())) {
                long start = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.completed", "worker").jobId("s" + i).build());
                }
                Await.until(Duration.ofSeconds(15), () -> lines(events) == 50, () -> "exported " + lines(events));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 15_000, "export took " + ms + " ms while the webhook hangs");
                assertEquals(0, redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP).getCount());
                assertTrue(redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.REACTIONS_GROUP).getCount() > 0,
                        "the reactions are still waiting for the webhook");
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void jobRetryCallsTheFilesRetryFunctionOncePerRequest() throws Exception {
        REDIS.flushAll();
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            redis.functionLoad(ReactionsEngineTest.LIB, true);
            ReactionsFile file = io.emp.telemetry.collector.reactions.file.ReactionsCompiler.compile(Path.of("r.yaml"),
                    "reactions:\n  - id: failed\n    on: job.failed\n    actions:\n      - id: retry\n"
                            + "        redis.fcall: {function: requeue, keys: ['job:{jobId}'], args: ['{failure.delayMs}']}\n",
                    ReactionsFileTest.CTX);
            JobRetry retry = JobRetry.from(file).orElseThrow();
            assertEquals("FCALL requeue 1 job:j9 1500", retry.describe("j9", 1500));
            assertTrue(retry.retry(redis, "j9", 1500, "req-1"));
            assertTrue(!retry.retry(redis, "j9", 1500, "req-1"), "the same request does not retry twice");
            assertEquals("1", redis.hget("job:j9", "requeued"));
            assertEquals("1500", redis.hget("job:j9", "delay"));
        } finally {
            client.shutdown();
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (Exception e) {
            return -1;
        }
    }
}
