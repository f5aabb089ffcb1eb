package io.emp.telemetry.collector.jar;

import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tail --status} as a separate JVM: status messages and events, and a Redis restart it reconnects through. */
class TailJarIT {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void tailFollowsStatusChannelsAndReconnectsWhenRedisComesBack() throws Exception {
        Assumptions.assumeTrue(REDIS.canRestart(), "needs a redis-server the test can restart");
        Path out = Files.createTempFile("tail-out", ".txt");
        Path err = Files.createTempFile("tail-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(JarRun.java(), "-jar", JarRun.jar().toString(), "tail", "--status", "--count", "3",
                "--job", "job-t*", "--redis", REDIS.uri(), "--reconnect-max", "500ms")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process tail = pb.start();
        try {
            await(() -> read(err).contains("tail: following"), err, out);
            assertTrue(read(err).contains("job:*:status, machine:*:gpu"), read(err));
            try (RedisClient client = RedisClient.create(REDIS.uri()); var conn = client.connect()) {
                conn.sync().publish("job:job-other:status", "{\"progress\":1}");
                conn.sync().publish("job:job-t1:status", "{\"progress\":50}");
                // The status comes over Pub/Sub and the event over a stream read, two connections: nothing orders
                // them, so the event is written once the status is printed.
                await(() -> read(out).contains("job:job-t1:status"), err, out);
                conn.sync().xadd("emp:events", EventCodec.encode(event("job.claimed")));
                await(() -> read(out).lines().count() >= 2, err, out);
            }
            REDIS.stop();
            await(() -> read(err).contains("tail: lost Redis at"), err, out);
            REDIS.start();
            await(() -> read(err).contains("tail: reconnected to"), err, out);
            try (RedisClient client = RedisClient.create(REDIS.uri()); var conn = client.connect()) {
                conn.sync().xadd("emp:events", EventCodec.encode(event("job.completed")));
                assertTrue(tail.waitFor(30, TimeUnit.SECONDS), "tail stops after --count 3\n" + read(err) + read(out));
            }
            assertEquals(0, tail.exitValue(), read(err));
            List<String> lines = read(out).lines().toList();
            assertEquals(3, lines.size(), read(out));
            assertTrue(lines.get(0).contains("status  job:job-t1:status  {\"progress\":50}"), read(out));
            assertTrue(lines.get(1).contains("job.claimed") && lines.get(2).contains("job.completed"), read(out));
        } finally {
            tail.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static TelemetryEvent event(String type) {
        return TelemetryEvent.builder(type).timestamp(System.currentTimeMillis()).service("worker")
                .traceId(JobTrace.traceId("job-t1")).spanId(CliJarIT.hex(16)).jobId("job-t1").build();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(BooleanSupplier condition, Path err, Path out) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out\n--- stderr\n" + read(err) + "--- stdout\n" + read(out));
            Thread.sleep(100);
        }
    }
}
