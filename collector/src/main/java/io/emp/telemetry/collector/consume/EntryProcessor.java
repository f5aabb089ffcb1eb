package io.emp.telemetry.collector.consume;

import java.util.List;
import java.util.function.BooleanSupplier;

/** What a {@link StreamWorker} hands its batches to: export ({@link BatchProcessor}) or reactions. */
public interface EntryProcessor {
    /**
     * Processes entries this consumer owns and acknowledges what it finished. {@code claimed} entries were taken
     * over from another consumer.
     *
     * @return {@code false} when the collector stopped before the batch was done (entries stay pending)
     */
    boolean process(RedisStreams source, List<StreamEntry> entries, boolean claimed, BooleanSupplier running)
            throws InterruptedException;
}
