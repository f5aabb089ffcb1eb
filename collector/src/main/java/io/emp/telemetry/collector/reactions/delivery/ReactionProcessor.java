package io.emp.telemetry.collector.reactions.delivery;

import io.emp.telemetry.collector.consume.EntryProcessor;
import io.emp.telemetry.collector.consume.RedisStreams;
import io.emp.telemetry.collector.consume.StreamEntry;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.decode.EntryDecoder;
import io.emp.telemetry.collector.reactions.actions.ActionRuntime;
import io.emp.telemetry.schema.MalformedEventException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A batch from the reactions consumer group: decoded, spread over lanes (one thread and one Redis connection
 * each; all events of one job — or else one worker — go to the same lane, in stream order), reacted to, and
 * acknowledged once every lane finished. Entries the export pipeline cannot decode are skipped here (the
 * export group dead-letters them).
 */
public final class ReactionProcessor implements EntryProcessor, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReactionProcessor.class.getName());

    private final ReactionRunner runner;
    private final List<Lane> lanes = new ArrayList<>();
    private final LongAdder undecodable = new LongAdder();

    private record Lane(ExecutorService thread, ActionRuntime runtime) {
    }

    public ReactionProcessor(ReactionRunner runner, int threads, Supplier<ActionRuntime> runtimes, String name) {
        this.runner = runner;
        for (int i = 0; i < threads; i++) {
            String threadName = "emp-reactions-" + name + "-" + i;
            lanes.add(new Lane(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            }), runtimes.get()));
        }
    }

    @Override
    public boolean process(RedisStreams source, List<StreamEntry> entries, boolean claimed, BooleanSupplier running)
            throws InterruptedException {
        if (entries.isEmpty()) return true;
        List<List<ConsumedEvent>> perLane = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) perLane.add(new ArrayList<>());
        for (StreamEntry entry : entries) {
            try {
                ConsumedEvent e = EntryDecoder.decode(entry, source.config().errors());
                String key = e.event().jobId() != null ? e.event().jobId()
                        : e.event().workerId() != null ? e.event().workerId() : e.entryId();
                perLane.get(Math.floorMod(key.hashCode(), lanes.size())).add(e);
            } catch (MalformedEventException malformed) {
                undecodable.increment();
            }
        }
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            List<ConsumedEvent> mine = perLane.get(i);
            if (mine.isEmpty()) continue;
            Lane lane = lanes.get(i);
            done.add(lane.thread().submit(() -> {
                for (ConsumedEvent e : mine) {
                    if (!running.getAsBoolean()) return false;
                    if (!runner.run(runner.context(e.event(), e.stream(), e.entryId()), null, lane.runtime(), running)) return false;
                }
                return true;
            }));
        }
        boolean all = true;
        for (Future<Boolean> f : done) {
            try {
                all &= f.get();
            } catch (ExecutionException e) {
                // A Redis failure: the batch stays pending and comes back (own pending / XAUTOCLAIM); done actions are skipped then.
                LOG.log(Level.WARNING, "reactions on " + source.config().stream() + " failed; batch left pending: " + e.getCause());
                all = false;
            }
        }
        if (!all) {
            if (running.getAsBoolean()) throw new IllegalStateException("reaction batch not completed; will retry");
            return false;
        }
        source.ack(entries.stream().map(StreamEntry::id).toList());
        return true;
    }

    public long undecodable() {
        return undecodable.sum();
    }

    @Override
    public void close() {
        for (Lane l : lanes) l.thread().shutdownNow();
    }
}
