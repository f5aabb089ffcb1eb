package io.emp.telemetry.collector.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.collector.consume.DeadLetters;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.CollectorJvm;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: one 10 MB entry in emp:events, the packaged collector at -Xmx64m. It is dead-lettered
 * without being decoded, everything after it is exported, /health reports it, and a collector
 * restarted with that entry still pending does not die on it either.
 */
class HugeEntryIT {
    private static final String EVENTS = StreamDefaults.EVENTS_STREAM;
    private static final String HUGE_DATA = "{\"blob\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    @TempDir
    Path dir;

    @Test
    void aTenMegabyteEntryIsDeadLetteredAndTheRestExported() throws Exception {
        RedisClient client = RedisClient.create(REDIS.uri());
        try {
            RedisCommands<String, String> redis = client.connect().sync();
            for (int i = 0; i < 5; i++) xadd(redis, "before-" + i);
            String huge = redis.xadd(EVENTS, hugeEntry());
            for (int i = 0; i < 5; i++) xadd(redis, "after-" + i);

            Path file = dir.resolve("a.jsonl");
            try (CollectorJvm collector = new CollectorJvm("64m", env(file, "huge-a"), dir.resolve("a.log"))) {
                Await.until(Duration.ofSeconds(60), () -> jobLines(file) == 10 || !collector.isAlive(),
                        () -> "lines=" + jobLines(file) + "\n" + collector.log());
                assertTrue(collector.isAlive(), collector.log());
                assertEquals(10, jobLines(file), "the 10 events around the huge one are exported");
                Map<String, String> dead = deadLetter(redis, huge);
                assertTrue(dead.get(DeadLetters.REASON).startsWith("oversized: "), dead.toString());
                assertEquals("[not read: " + HUGE_DATA.length() + " bytes]", dead.get("data"), "the huge value was never read");
                Await.until(Duration.ofSeconds(10), () -> collector.health().status() == 200
                        && collector.health().json().get("streams").get(EVENTS).get("lost").get("dead_lettered").asLong() == 1,
                        () -> "health " + collector.health());
                // The count is on /health at once; the WARNING line follows on the loss reporter's next flush.
                Await.until(Duration.ofSeconds(10), () -> collector.log().contains("LOST 1 entries of emp:events"),
                        collector::log);
                System.out.println("reliability huge-entry: emitted=11 delivered=" + jobLines(file)
                        + " dead-lettered-and-reported=1 lost=0; collector alive at -Xmx64m");
            }

            // A consumer that died holding the huge entry: restarted with the same name, it re-reads it first.
            redis.del("emp:deadletter");
            String held = redis.xadd(EVENTS, hugeEntry());
            redis.xreadgroup(Consumer.from(StreamDefaults.EVENTS_GROUP, "huge-b"), XReadArgs.StreamOffset.lastConsumed(EVENTS));
            xadd(redis, "after-restart");
            Path file2 = dir.resolve("b.jsonl");
            try (CollectorJvm collector = new CollectorJvm("64m", env(file2, "huge-b"), dir.resolve("b.log"))) {
                Await.until(Duration.ofSeconds(60), () -> jobLines(file2) == 1 || !collector.isAlive(),
                        () -> "lines=" + jobLines(file2) + "\n" + collector.log());
                assertTrue(collector.isAlive(), collector.log());
                assertTrue(deadLetter(redis, held).get(DeadLetters.REASON).startsWith("oversized: "));
                Await.until(Duration.ofSeconds(10), () -> redis.xpending(EVENTS, StreamDefaults.EVENTS_GROUP).getCount() == 0,
                        () -> "pending " + redis.xpending(EVENTS, StreamDefaults.EVENTS_GROUP));
            }
        } finally {
            client.shutdown();
        }
    }

    private static Map<String, String> env(Path file, String consumer) {
        return Map.of("EMP_REDIS_URL", REDIS.uri(), "EMP_EXPORTERS", "file", "EMP_COLLECTOR_FILE_PATH", file.toString(),
                "EMP_COLLECTOR_CONSUMER", consumer, "EMP_COLLECTOR_BATCH_WAIT", "100ms");
    }

    /** A well-formed event whose data holds a 10 MB string: what a runaway application could write. */
    private static Map<String, String> hugeEntry() {
        Map<String, String> fields = new HashMap<>(EventCodec.encode(TestEvents.event("job.completed", "worker").jobId("huge").build()));
        fields.put("data", HUGE_DATA);
        return fields;
    }

    private static void xadd(RedisCommands<String, String> redis, String job) {
        TestEvents.xadd(redis, EVENTS, TestEvents.event("job.completed", "worker").jobId(job).build());
    }

    private static Map<String, String> deadLetter(RedisCommands<String, String> redis, String id) {
        for (StreamMessage<String, String> m : redis.xrange("emp:deadletter", Range.create("-", "+"))) {
            if (id.equals(m.getBody().get(DeadLetters.SOURCE_ID))) return m.getBody();
        }
        throw new AssertionError("not dead-lettered: " + id);
    }

    private static long jobLines(Path file) {
        try {
            if (!Files.exists(file)) return 0;
            return Files.readAllLines(file).stream().filter(l -> l.contains("\"job.completed\"")).count();
        } catch (Exception e) {
            return -1;
        }
    }
}
