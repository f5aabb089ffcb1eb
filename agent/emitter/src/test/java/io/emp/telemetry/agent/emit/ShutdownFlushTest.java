package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acceptance: on shutdown the queue is flushed within a bounded time (shutdown.timeout, default 2 s). */
class ShutdownFlushTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @BeforeEach
    void flush() {
        REDIS.flushAll();
    }

    @Test
    void closeFlushesWhatIsQueuedWithinTheBound() {
        int n = 5_000;
        try (TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            RedisEventEmitter emitter = warmEmitter("200000");
            for (int i = 0; i < n; i++) emitter.emit(WrongPasswordTest.event(i));
            long t0 = System.nanoTime();
            boolean complete = emitter.close(Duration.ofSeconds(2));
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("flushed " + n + " queued events in " + tookMs + " ms");
            assertTrue(complete, emitter.stats().toString());
            assertTrue(tookMs < 2500, "close took " + tookMs + " ms");
            assertEquals(n + 1, reader.xlen(StreamDefaults.EVENTS_STREAM));
            assertEquals(0, emitter.stats().droppedTotal());
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("emp-telemetry-writer") && t.isAlive()), "writer thread stopped");
        }
    }

    @Test
    void closeGivesUpAtTheBoundAndCountsWhatIsLeft() {
        int n = 200_000;
        try (LogCapture log = new LogCapture(); TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            RedisEventEmitter emitter = warmEmitter("200000", "redis.timeout", "1s");
            for (int i = 0; i < n; i++) emitter.emit(WrongPasswordTest.event(i));
            // A Redis that stops answering for longer than the budget (however fast the writer is): the batch on
            // the wire times out after redis.timeout, and the paused server discards it with the closed connection.
            reader.connection.sync().clientPause(4_000);
            long t0 = System.nanoTime();
            boolean complete = emitter.close(Duration.ofMillis(500));
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(tookMs < 1000, "close took " + tookMs + " ms");
            TestSupport.waitUntil(Duration.ofSeconds(5), () -> emitter.stats().eventsWritten()
                    + emitter.stats().dropped(DropReason.SHUTDOWN) == n + 1, () -> emitter.stats().toString());
            long lost = emitter.stats().dropped(DropReason.SHUTDOWN);
            System.out.println("wrote " + (n - lost) + " of " + n + " queued events in a 500 ms shutdown budget, Redis paused");
            assertTrue(!complete && lost > 0, "Redis paused past the budget, yet all was written: " + emitter.stats());
            assertEquals(emitter.stats().eventsWritten(), reader.xlen(StreamDefaults.EVENTS_STREAM));
            assertTrue(log.warnings().stream().anyMatch(l -> l.contains("could not be written")), log.lines().toString());
        }
    }

    /** An emitter that has connected and written once, so timings do not include the first connect. */
    private static RedisEventEmitter warmEmitter(String capacity, String... more) {
        String[] settings = java.util.stream.Stream.concat(java.util.stream.Stream.of("queue.capacity", capacity, "events.maxlen", "0"),
                java.util.Arrays.stream(more)).toArray(String[]::new);
        RedisEventEmitter emitter = TestSupport.emitter(REDIS.uri(), settings);
        emitter.emit(WrongPasswordTest.event(-1));
        TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().eventsWritten() == 1, () -> emitter.stats().toString());
        return emitter;
    }

    @Test
    void shutdownHookFlushesWhenTheJvmExits() throws Exception {
        int n = 2_000;
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", classpath, ShutdownHookMain.class.getName(), REDIS.uri(), Integer.toString(n), "10s")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // The child's first connect happens while it exits (cold JVM), so it gets a 10 s shutdown budget.
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit: " + out);
        assertEquals(0, p.exitValue(), out);
        try (TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            assertEquals(n, reader.xlen(StreamDefaults.EVENTS_STREAM), "child output:\n" + out);
        }
    }

    @Test
    void lettuceAndWriterThreadsAreDaemons() {
        try (RedisEventEmitter emitter = TestSupport.emitter(REDIS.uri())) {
            emitter.emit(WrongPasswordTest.event(1));
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().eventsWritten() == 1, () -> emitter.stats().toString());
            long nonDaemon = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("lettuce-") || t.getName().startsWith("emp-telemetry"))
                    .filter(t -> !t.isDaemon()).count();
            assertEquals(0, nonDaemon, "a non-daemon thread would keep the application's JVM alive");
        }
    }
}
