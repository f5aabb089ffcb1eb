package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.export.ExportBatch;
import io.emp.telemetry.collector.export.ExportOutcome;
import io.emp.telemetry.collector.export.Exporter;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While a backlog is drained, the next batch is read (and so owned, pending) before the current one is exported;
 * every entry is still exported once, in stream order, and acknowledged; a batch read ahead when the loop stops
 * is exported before it ends.
 */
class ReadAheadTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final int BATCH = 50;

    private RedisClient client;
    private RedisCommands<String, String> redis;
    private CollectorConfig.StreamConfig events;
    private final CollectorStats stats = new CollectorStats();

    @BeforeEach
    void setUp() {
        REDIS.flushAll();
        client = RedisClient.create(REDIS.uri());
        redis = client.connect().sync();
        events = new TestConfig(REDIS.uri()).build().events();
    }

    @AfterEach
    void tearDown() {
        client.shutdown();
    }

    /** Records the ids of every exported batch and, per batch, how many entries the group had pending meanwhile. */
    private final class Recording implements Exporter {
        final List<String> exported = new CopyOnWriteArrayList<>();
        final List<Long> pendingDuringExport = new CopyOnWriteArrayList<>();
        final AtomicInteger batches = new AtomicInteger();
        volatile Consumer<Integer> onBatch = n -> { };

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public ExportOutcome export(ExportBatch batch) {
            // Redis answers the read sent ahead within moments: wait for it a little, not for ever.
            long pending = 0;
            for (int i = 0; i < 200 && pending <= batch.events().size(); i++) {
                pending = redis.xpending(events.stream(), events.group()).getCount();
                if (pending <= batch.events().size()) sleep();
            }
            pendingDuringExport.add(pending);
            batch.events().forEach(e -> exported.add(e.entryId()));
            onBatch.accept(batches.incrementAndGet());
            return ExportOutcome.ok();
        }

        @Override
        public void close() {
        }
    }

    private StreamWorker worker(Exporter exporter) {
        BatchProcessor processor = new BatchProcessor(List.of(exporter), SpanDeriver.NONE, List.of(),
                new DeadLetters(redis, "emp:deadletter", "t", stats), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                5, stats);
        return new StreamWorker(new RedisStreams(client.connect().sync(), events, "t"), processor, BATCH,
                Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofMinutes(10), stats);
    }

    private List<String> write(int n) {
        for (int i = 0; i < n; i++) {
            TestEvents.xadd(redis, events.stream(), TestEvents.event("job.completed", "worker").jobId("r" + i).build());
        }
        List<String> ids = new ArrayList<>();
        for (StreamMessage<String, String> m : redis.xrange(events.stream(), io.lettuce.core.Range.create("-", "+"))) ids.add(m.getId());
        return ids;
    }

    @Test
    void aBacklogIsReadAheadAndStillExportedOnceInOrder() throws Exception {
        List<String> written = write(20 * BATCH + 7);
        Recording exporter = new Recording();
        StreamWorker worker = worker(exporter);
        Thread t = new Thread(worker, "read-ahead-test");
        t.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (exporter.exported.size() < written.size() && System.nanoTime() < deadline) Thread.sleep(20);
        } finally {
            worker.stop();
            t.join(10_000);
        }
        assertEquals(written, exporter.exported, "every entry once, in stream order");
        assertEquals(0, redis.xpending(events.stream(), events.group()).getCount(), "all acknowledged");
        // The first 20 batches were full: while each of the first 19 was exported, the next one was already read.
        for (int b = 0; b < 19; b++) {
            assertTrue(exporter.pendingDuringExport.get(b) > BATCH,
                    "batch " + b + ": pending during its export " + exporter.pendingDuringExport);
        }
    }

    @Test
    void aBatchReadAheadWhenTheLoopStopsIsExportedBeforeItEnds() throws Exception {
        List<String> written = write(10 * BATCH);
        Recording exporter = new Recording();
        StreamWorker worker = worker(exporter);
        exporter.onBatch = n -> {
            if (n == 3) worker.stop(); // the fourth batch has been read ahead by now
        };
        Thread t = new Thread(worker, "read-ahead-stop-test");
        t.start();
        t.join(30_000);
        assertEquals(written.subList(0, 4 * BATCH), exporter.exported, "three batches, then the one read ahead");
        assertEquals(0, redis.xpending(events.stream(), events.group()).getCount(), "nothing left pending");
    }

    /**
     * A round that fails after the next batch was read (here the XACK fails: the stream key became a string during the
     * export) keeps that batch: it is exported at the next round, as when Redis restarted empty and those entries exist
     * only in the collector's memory.
     */
    @Test
    void aFailedRoundKeepsTheBatchReadAhead() throws Exception {
        List<String> written = write(2 * BATCH);
        List<String> exported = new CopyOnWriteArrayList<>();
        Exporter breaksTheStream = new Exporter() {
            @Override
            public String name() {
                return "breaks-the-stream";
            }

            @Override
            public ExportOutcome export(ExportBatch batch) {
                if (exported.isEmpty()) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (redis.xpending(events.stream(), events.group()).getCount() <= BATCH && System.nanoTime() < deadline) sleep();
                    redis.del(events.stream());
                    redis.set(events.stream(), "not a stream any more"); // XACK and XREADGROUP now fail: WRONGTYPE
                }
                batch.events().forEach(e -> exported.add(e.entryId()));
                return ExportOutcome.ok();
            }

            @Override
            public void close() {
            }
        };
        StreamWorker worker = worker(breaksTheStream);
        Thread t = new Thread(worker, "read-ahead-failure-test");
        t.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (exported.size() < 2 * BATCH) {
                assertTrue(System.nanoTime() < deadline, "the batch read ahead was not exported: " + exported.size());
                Thread.sleep(20);
            }
        } finally {
            worker.stop();
            t.join(10_000);
        }
        assertEquals(written, exported, "both batches once, in order, although neither could be acknowledged");
    }

    /** While the current batch is retried, the claim on the batch read ahead is refreshed too: nobody takes it over. */
    @Test
    void theBatchReadAheadIsKeptClaimedWhileTheCurrentOneIsRetried() throws Exception {
        List<String> written = write(3 * BATCH);
        long failUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        List<Long> aheadIdleMs = new CopyOnWriteArrayList<>();
        Exporter failingAWhile = new Exporter() {
            @Override
            public String name() {
                return "failing-a-while";
            }

            @Override
            public ExportOutcome export(ExportBatch batch) {
                if (System.nanoTime() < failUntil) {
                    // The oldest idle time among the entries read ahead (the second batch).
                    long idle = 0;
                    for (PendingMessage p : redis.xpending(events.stream(), io.lettuce.core.Consumer.from(events.group(), "t"),
                            io.lettuce.core.Range.create(written.get(BATCH), written.get(2 * BATCH - 1)), io.lettuce.core.Limit.from(BATCH))) {
                        idle = Math.max(idle, p.getMsSinceLastDelivery());
                    }
                    aheadIdleMs.add(idle);
                    return ExportOutcome.failed("backend down (test)");
                }
                return ExportOutcome.ok();
            }

            @Override
            public void close() {
            }
        };
        StreamWorker worker = worker(failingAWhile);
        Thread t = new Thread(worker, "read-ahead-retry-test");
        t.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stats.stream(events.stream()).exported.sum() < written.size() || redis.xpending(events.stream(), events.group()).getCount() > 0) {
                assertTrue(System.nanoTime() < deadline, "not all exported: " + stats.stream(events.stream()).exported.sum());
                Thread.sleep(20);
            }
        } finally {
            worker.stop();
            t.join(10_000);
        }
        // Attempts 1.5 s apart from the read at most 200 ms back-off apart: without the refresh the idle time grows to ~1.5 s.
        assertTrue(aheadIdleMs.size() >= 4, "attempts " + aheadIdleMs);
        long last = aheadIdleMs.get(aheadIdleMs.size() - 1);
        assertTrue(last < 700, "idle times of the batch read ahead during the retries: " + aheadIdleMs);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
