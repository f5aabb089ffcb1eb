package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A password-protected Redis that goes away and comes back: the collector reconnects, and never logs the password. */
class RedisAuthAndRestartTest {
    private static final String PASSWORD = "s3cret-collector-pw";
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.withPassword(PASSWORD);
    @TempDir
    Path dir;

    @Test
    void survivesARedisRestartAndKeepsThePasswordOutOfTheLogs() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Path file = dir.resolve("events.jsonl");
        TestConfig config = new TestConfig(REDIS.uriWithPassword()).set("EMP_EXPORTERS", "file")
                .set("EMP_COLLECTOR_FILE_PATH", file.toString());
        try (Collector collector = Collector.start(config.build())) {
            xadd("before");
            Await.until(Duration.ofSeconds(10), () -> lines(file) == 1, () -> "lines=" + lines(file));
            Await.until(Duration.ofSeconds(10), () -> collector.stats().redisReachable(), () -> "redis not seen");

            REDIS.stop();
            Await.until(Duration.ofSeconds(15), () -> !collector.stats().redisReachable(), () -> "outage not noticed");
            REDIS.start();
            // A restarted server lost the group; the collector recreates it and goes on.
            xadd("after");
            Await.until(Duration.ofSeconds(30), () -> lines(file) == 2, () -> "lines=" + lines(file));
            Await.until(Duration.ofSeconds(15), () -> collector.stats().redisReachable(), () -> "reconnect not noticed");
        } finally {
            root.removeHandler(capture);
        }
        assertFalse(logged.isEmpty());
        assertTrue(logged.stream().anyMatch(m -> m.contains("127.0.0.1:" + REDIS.port())), "the Redis address is logged");
        assertTrue(logged.stream().noneMatch(m -> m.contains(PASSWORD)), "the password never is");
    }

    private static void xadd(String job) {
        RedisClient client = RedisClient.create(REDIS.uriWithPassword());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            TestEvents.xadd(conn.sync(), StreamDefaults.EVENTS_STREAM, TestEvents.event("job.completed", "worker").jobId(job).build());
        } finally {
            client.shutdown();
        }
    }

    private static long lines(Path file) {
        try {
            // The collector's own report of the reset (telemetry.entries_lost) is left out.
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.contains(EventTypes.ENTRIES_LOST)).count() : 0;
        } catch (Exception e) {
            return -1;
        }
    }
}
