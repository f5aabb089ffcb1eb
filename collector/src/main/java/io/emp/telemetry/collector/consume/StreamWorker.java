package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.health.CollectorStats;
import io.lettuce.core.RedisCommandExecutionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The loop of one stream: take over entries of dead consumers (XAUTOCLAIM) every claim interval,
 * otherwise gather new entries into a batch (by size and time) and hand it to the processor.
 * Redis failures are retried with back-off; nothing is acknowledged that was not exported.
 *
 * <p>While there is a backlog (the last batch was full) the next batch is requested before this one is
 * exported ({@link RedisStreams#readNewAhead}), so that Redis and Lettuce's event loop prepare it meanwhile:
 * a draining consumer thread otherwise spent about two thirds of its time waiting for its read
 * (docs/collector.md, "Reading ahead"). At most two batches per stream are then in memory.
 */
public final class StreamWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(StreamWorker.class.getName());

    private final RedisStreams redis;
    private final EntryProcessor processor;
    private final int batchSize;
    private final Duration batchWait;
    private final Duration claimIdle;
    private final Duration claimInterval;
    private final CollectorStats stats;
    private final Backoff redisBackoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    private volatile boolean running = true;
    private long nextClaimAt;
    /** Entries per read of this consumer's own pending entries: 1 after a crash, so one huge entry cannot sink a batch again. */
    private int ownPendingCount;

    public StreamWorker(RedisStreams redis, EntryProcessor processor, int batchSize, Duration batchWait,
                        Duration claimIdle, Duration claimInterval, CollectorStats stats) {
        this.redis = redis;
        this.processor = processor;
        this.batchSize = batchSize;
        this.batchWait = batchWait;
        this.claimIdle = claimIdle;
        this.claimInterval = claimInterval;
        this.stats = stats;
        this.ownPendingCount = batchSize;
    }

    /**
     * After the previous loop of this stream died: re-read this consumer's pending entries one by
     * one, so that the entry (or batch) that exhausted the memory is dead-lettered or exported alone.
     */
    public void recoverCarefully() {
        ownPendingCount = 1;
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        redis.dropReadAhead(); // one a previous loop of this stream left: its entries are re-read as this consumer's own
        loop();
        // Only after a stop: a loop that dies of an Error leaves the batch pending, for the next loop's careful re-read.
        exportReadAhead();
    }

    private void loop() {
        int failures = 0;
        boolean groupReady = false;
        while (running) {
            try {
                if (!groupReady) {
                    redis.ensureGroup();
                    groupReady = true;
                    resumeOwnPending();
                }
                if (System.currentTimeMillis() >= nextClaimAt) {
                    claimAbandoned();
                    nextClaimAt = System.currentTimeMillis() + claimInterval.toMillis();
                }
                List<StreamEntry> batch = gather();
                if (batch.size() >= batchSize && running) redis.readNewAhead(batchSize);
                processor.process(redis, batch, false, () -> running);
                failures = 0;
                CollectorStats.StreamCounters counters = stats.stream(redis.config().stream());
                counters.lastLoopAt = System.currentTimeMillis();
                counters.stalled = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A batch read ahead stays: it is taken at the next round like a batch held through a failed XACK
                // (Redis restarted empty: its entries exist only here now); a read that failed throws there.
                if (!running) return;
                if (isNoGroup(e)) groupReady = false;
                if (failures == 0 || failures % 20 == 0) {
                    LOG.log(Level.WARNING, "reading " + redis.config().stream() + " failed (will retry): " + e, failures == 0 ? null : e);
                }
                if (!sleep(redisBackoff.delay(failures++, null))) return;
            }
        }
    }

    /** New entries until the batch is full or {@code batchWait} passed since the read began; first those read ahead. */
    private List<StreamEntry> gather() {
        long deadline = System.nanoTime() + batchWait.toNanos();
        List<StreamEntry> batch = new ArrayList<>();
        batch.addAll(redis.takeReadAhead());
        while (running && batch.size() < batchSize) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            List<StreamEntry> got = redis.readNew(batchSize - batch.size(), Duration.ofNanos(left));
            if (got.isEmpty()) break;
            batch.addAll(got);
        }
        return batch;
    }

    /**
     * At stop, a batch read ahead is already this consumer's: it is exported once (no retry, the collector is
     * stopping) and acknowledged if that worked; otherwise it stays pending, for this consumer's next start or
     * another instance's XAUTOCLAIM, like any batch a stopped collector did not finish.
     */
    private void exportReadAhead() {
        try {
            List<StreamEntry> rest = redis.takeReadAhead();
            if (!rest.isEmpty()) processor.process(redis, rest, false, () -> false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.fine(() -> "a batch read ahead from " + redis.config().stream() + " stays pending: " + e);
        }
    }

    /** With a fixed consumer name, what this consumer held before a restart is exported first. */
    private void resumeOwnPending() throws InterruptedException {
        List<StreamEntry> own;
        while (running && !(own = redis.readOwnPending(ownPendingCount)).isEmpty()) {
            LOG.info("resuming " + own.size() + " entries of " + redis.config().stream() + " left pending by this consumer");
            if (!processor.process(redis, own, true, () -> running)) return;
        }
        ownPendingCount = batchSize;
    }

    /** Walks the group's pending list with XAUTOCLAIM and processes what was taken over. */
    private void claimAbandoned() throws InterruptedException {
        String cursor = "0-0";
        do {
            RedisStreams.Claimed claimed = redis.autoClaim(cursor, claimIdle, batchSize);
            if (!claimed.entries().isEmpty()) {
                stats.stream(redis.config().stream()).claimed.add(claimed.entries().size());
                LOG.info("took over " + claimed.entries().size() + " entries of " + redis.config().stream()
                        + " pending longer than " + claimIdle.toMillis() + " ms");
                if (!processor.process(redis, claimed.entries(), true, () -> running)) return;
            }
            cursor = claimed.nextCursor();
        } while (running && !"0-0".equals(cursor));
    }

    private static boolean isNoGroup(RuntimeException e) {
        return e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).startsWith("NOGROUP");
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
