package io.emp.telemetry.collector.supervise;

import io.emp.telemetry.collector.consume.StreamWorker;
import io.emp.telemetry.collector.export.Backoff;
import io.emp.telemetry.collector.health.CollectorStats;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a stream's consumer loop and restarts it with back-off when it dies of anything (an
 * {@code OutOfMemoryError} on a huge batch, a bug): one stream's trouble must not end its export
 * for the life of the process. While it is down the stream is marked stalled, which turns
 * {@code /health} to 503 {@code degraded}. Entries it held stay pending in Redis and are read again
 * by the new loop (one at a time first, see {@link StreamWorker#recoverCarefully()}).
 */
public final class SupervisedStream implements Runnable {
    private static final Logger LOG = Logger.getLogger(SupervisedStream.class.getName());

    private final String stream;
    private final Supplier<StreamWorker> workers;
    private final CollectorStats.StreamCounters counters;
    private final Backoff backoff;
    private volatile StreamWorker current;
    private volatile boolean running = true;

    public SupervisedStream(String stream, Supplier<StreamWorker> workers, CollectorStats stats, Duration firstRestart,
                            Duration maxRestart) {
        this.stream = stream;
        this.workers = workers;
        this.counters = stats.stream(stream);
        this.backoff = new Backoff(firstRestart, maxRestart);
    }

    public void stop() {
        running = false;
        StreamWorker w = current;
        if (w != null) w.stop();
    }

    @Override
    public void run() {
        int deaths = 0;
        StreamWorker worker = null;
        while (running) {
            try {
                if (worker == null) {
                    worker = workers.get();
                    if (deaths > 0) worker.recoverCarefully();
                }
                current = worker;
                if (!running) return;
                worker.run();
                return;
            } catch (Throwable t) {
                worker = null;
                current = null;
                deaths++;
                counters.restarts.increment();
                counters.stalled = "consumer thread died (" + t.getClass().getSimpleName() + "), restarting";
                // An OutOfMemoryError's stack says nothing useful, and building it may fail again.
                LOG.log(Level.SEVERE, "consumer of " + stream + " died (" + t + "); restart " + deaths
                        + " follows with back-off; its entries stay pending", t instanceof VirtualMachineError ? null : t);
                if (!pause(backoff.delay(deaths - 1, null))) return;
            }
        }
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
