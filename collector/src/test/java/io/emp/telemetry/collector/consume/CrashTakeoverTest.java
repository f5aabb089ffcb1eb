package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.health.Heartbeat;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.HttpOtlpReceiver;
import io.emp.telemetry.collector.support.ReceivedTelemetry;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A collector JVM killed with SIGKILL in the middle of a batch: a second collector takes over its pending entries. */
class CrashTakeoverTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void secondCollectorClaimsTheEntriesOfAKilledOne() throws Exception {
        ReceivedTelemetry received = new ReceivedTelemetry();
        received.refuseForever(true);
        RedisClient client = RedisClient.create(REDIS.uri());
        Process first = null;
        try (StatefulRedisConnection<String, String> conn = client.connect();
             HttpOtlpReceiver receiver = new HttpOtlpReceiver(received)) {
            RedisCommands<String, String> redis = conn.sync();
            int events = 250;
            for (int i = 0; i < events; i++) {
                TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.claimed", "worker").jobId("j" + i).build());
            }
            TestConfig config = new TestConfig(REDIS.uri()).set("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                    .set("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");

            first = startCollectorJvm(config, "crash-a");
            Process a = first;
            Await.until(Duration.ofSeconds(30), () -> received.refusedRequests() > 0 && pendingOf(redis, "crash-a") > 0,
                    () -> "first collector has not started a batch; alive=" + a.isAlive());
            long heldByA = pendingOf(redis, "crash-a");
            first.destroyForcibly();
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            assertTrue(heldByA > 0 && received.distinctEntryIds().isEmpty(), "killed mid-batch, nothing exported yet");

            received.refuseForever(false);
            try (Collector second = Collector.start(config.set("EMP_COLLECTOR_CONSUMER", "crash-b").build())) {
                Await.until(Duration.ofSeconds(40), () -> received.distinctEntryIds().size() == events,
                        () -> "distinct=" + received.distinctEntryIds().size());
                Await.until(Duration.ofSeconds(10), () -> redis.xpending(StreamDefaults.EVENTS_STREAM,
                        StreamDefaults.EVENTS_GROUP).getCount() == 0, () -> "still pending");
                assertTrue(second.stats().stream(StreamDefaults.EVENTS_STREAM).claimed.sum() >= heldByA,
                        "the batch of the killed collector was taken over with XAUTOCLAIM");
                // The killed collector's heartbeat expires: a CLI sees only live collectors.
                Await.until(Duration.ofSeconds(10), () -> redis.exists(Heartbeat.KEY_PREFIX + "crash-a") == 0, () -> "heartbeat of killed collector still there");
                assertEquals(1, redis.exists(Heartbeat.KEY_PREFIX + "crash-b"));
                System.out.println("crash takeover: held by killed collector=" + heldByA + ", received=" + received.logs().size()
                        + ", duplicates=" + received.duplicateLogs());
            }
        } finally {
            if (first != null) first.destroyForcibly();
            client.shutdown();
        }
    }

    @Test
    void aRestartedCollectorWithAFixedNameResumesItsOwnPendingEntries() throws Exception {
        REDIS.flushAll();
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            redis.xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from(StreamDefaults.EVENTS_STREAM, "0"),
                    StreamDefaults.EVENTS_GROUP, io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
            for (int i = 0; i < 3; i++) {
                TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.claimed", "worker").jobId("r" + i).build());
            }
            // The previous life of consumer "fixed" read them and died before acknowledging.
            redis.xreadgroup(io.lettuce.core.Consumer.from(StreamDefaults.EVENTS_GROUP, "fixed"),
                    io.lettuce.core.XReadArgs.StreamOffset.lastConsumed(StreamDefaults.EVENTS_STREAM));
            assertEquals(3, pendingOf(redis, "fixed"));
            Path file = Path.of("target/resume-events.jsonl");
            java.nio.file.Files.deleteIfExists(file);
            TestConfig config = new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "file")
                    .set("EMP_COLLECTOR_FILE_PATH", file.toString())
                    .set("EMP_COLLECTOR_CONSUMER", "fixed").set("EMP_COLLECTOR_CLAIM_IDLE", "10m");
            try (Collector collector = Collector.start(config.build())) {
                Await.until(Duration.ofSeconds(10), () -> pendingOf(redis, "fixed") == 0, () -> "still pending");
                assertEquals(3, java.nio.file.Files.readAllLines(file).size());
                assertEquals(0, collector.stats().stream(StreamDefaults.EVENTS_STREAM).claimed.sum(), "resumed, not claimed");
            }
        } finally {
            client.shutdown();
        }
    }

    private static long pendingOf(RedisCommands<String, String> redis, String consumer) {
        try {
            Long n = redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP).getConsumerMessageCount().get(consumer);
            return n == null ? 0 : n;
        } catch (RuntimeException noGroupYet) {
            return 0;
        }
    }

    /** The collector from the test class path in a JVM of its own, so SIGKILL hits only it. */
    private static Process startCollectorJvm(TestConfig config, String consumer) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                "io.emp.telemetry.collector.cli.CollectorCli", "run"));
        pb.environment().putAll(config.env());
        pb.environment().put("EMP_COLLECTOR_CONSUMER", consumer);
        pb.redirectErrorStream(true).redirectOutput(new File("target/crash-" + consumer + ".log"));
        return pb.start();
    }
}
