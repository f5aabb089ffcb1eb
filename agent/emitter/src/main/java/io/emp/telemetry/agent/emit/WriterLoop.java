package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.log.AgentLog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The emitter's single background thread: connect (with backoff), drain the queue in batches,
 * encode, pipeline, keep what Redis did not acknowledge, report drops, keep the resource key, trim by
 * age. Because there is one writer and one connection, entries reach Redis in the order they were queued.
 */
final class WriterLoop implements Runnable {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Retry interval while nothing listens at Redis's address: a refused connect costs the server nothing. */
    static final long REFUSED_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Longest pause after a transient error reply (OOM, LOADING): the connection is fine, only the server is busy. */
    private static final long SERVER_BUSY_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EmitterConfig config;
    private final EventQueue queue;
    private final EmitterCounters counters;
    private final RedisConnector connector;
    private final BatchWriter writer;
    private final RetentionTrimmer trimmer;
    private final ResourceKey resourceKey;
    private final Encoder encoder;
    private final Backoff backoff;
    private final DropReports dropReports;
    private final List<PendingWrite> batch = new ArrayList<>();
    /** The next batch, encoded while Redis works on the current one; joins {@link #batch} at the next step. */
    private final List<PendingWrite> next = new ArrayList<>();
    private final Runnable encodeNext = () -> fill(next, false);
    private final List<Object> drained = new ArrayList<>();
    /** The last wait for a batch found one: the writer is under load (see {@link #fill}). */
    private boolean busy;

    private volatile boolean stopping;
    private volatile boolean abandoned;
    private volatile boolean lossReportedByCaller;
    private volatile long stopDeadlineNanos;
    private volatile long stopBudgetMillis;
    private volatile boolean connected;
    /** The exit line is written (by {@link #finish}); the caller of close must not write a second one. */
    private volatile boolean exitLogged;

    WriterLoop(EmitterConfig config, EventQueue queue, EmitterCounters counters) {
        this.config = config;
        this.queue = queue;
        this.counters = counters;
        this.connector = new RedisConnector(config);
        RespEncoder resp = new RespEncoder(); // this thread's one command buffer
        this.trimmer = new RetentionTrimmer(config, resp);
        this.resourceKey = new ResourceKey(config, resp);
        this.encoder = new Encoder(config, resp);
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax());
        this.dropReports = new DropReports(config, counters, encoder);
        this.writer = new BatchWriter(counters, dropReports);
    }

    @Override
    public void run() {
        try {
            while (!finished()) {
                try {
                    step();
                } catch (Throwable t) {
                    // A connection lost outside a batch (trim, resource key), or a surprise: keep the batch, start over.
                    if (!(t instanceof redis.clients.jedis.exceptions.JedisConnectionException)) {
                        AgentLog.once("writer-error:" + t.getClass().getName(), AgentLog.Level.WARN,
                                "telemetry writer error, retrying on a new connection: " + t);
                    }
                    counters.failedBatches.incrementAndGet();
                    connectionLost();
                }
            }
        } finally {
            finish();
        }
    }

    /** Asks the loop to flush what is queued and stop, giving up at {@code deadlineNanos}. */
    void requestStop(long deadlineNanos, long budgetMillis) {
        stopBudgetMillis = budgetMillis;
        stopDeadlineNanos = deadlineNanos;
        stopping = true;
        queue.wake();
    }

    /** The caller's time budget ran out: stop as soon as possible, writing nothing more. */
    void abandon() {
        abandoned = true;
        stopping = true;
        queue.wake();
    }

    /**
     * Called by {@code close} when the writer is stuck in a network call past the budget: the caller
     * logs the loss (returned estimate) so that {@link #finish} does not log it a second time.
     */
    /** Returns -1 when the writer has already logged its exit line. */
    int reportLossForCaller(int queued) {
        lossReportedByCaller = true;
        return exitLogged ? -1 : queued + batch.size();
    }

    boolean connected() {
        return connected;
    }

    /** Items held by the writer but not yet acknowledged (approximate, for reporting). */
    int inFlight() {
        return batch.size() + next.size();
    }

    String resourceKey() {
        return resourceKey.key();
    }

    private boolean finished() {
        return stopping && (abandoned || System.nanoTime() - stopDeadlineNanos >= 0
                || (batch.isEmpty() && next.isEmpty() && queue.isEmpty()));
    }

    /** One round: make sure there is a connection, fill the batch, write it (or trim when idle). */
    private void step() {
        WriterConnection c = connector.connection();
        if (c == null) {
            connected = false;
            c = connector.connect();
            if (c == null) {
                counters.failedConnects.incrementAndGet();
                long wait = backoff.nextNanos();
                pause(connector.lastFailureRefused() ? Math.min(wait, REFUSED_PROBE_NANOS) : wait);
                return;
            }
            connected = true;
            counters.connects.incrementAndGet();
            backoff.reset();
            dropReports.connectionReturned();
            resourceKey.connectionReturned();
        }
        resourceKey.writeIfDue(c);
        batch.addAll(next);
        next.clear();
        // Top up a batch kept from a failed write too, so that the first write after a reconnect frees queue space.
        if (batch.size() < config.batchSize()) fill(batch, true);
        dropReports.addDue(batch);
        if (batch.isEmpty()) {
            trimmer.trimIfDue(c);
            return;
        }
        RuntimeException failure = writer.write(c, batch, stopping ? null : encodeNext);
        if (BatchWriter.isServerBusy(failure)) {
            // Redis answered, but cannot take writes now (OOM until a consumer trims, LOADING after a restart):
            // keep the batch and the connection, try again shortly.
            counters.failedBatches.incrementAndGet();
            AgentLog.debug("Redis refused a batch for now (" + failure.getMessage() + "), " + batch.size() + " entries kept");
            pause(Math.min(backoff.nextNanos(), SERVER_BUSY_MAX_NANOS));
        } else if (failure != null) {
            counters.failedBatches.incrementAndGet();
            AgentLog.debug("batch failed, " + batch.size() + " entries kept for re-sending: " + failure);
            connectionLost();
        } else {
            backoff.reset();
            trimmer.trimIfDue(c);
        }
    }

    private void connectionLost() {
        connector.disconnect();
        connected = false;
        pause(backoff.nextNanos());
    }

    /**
     * Fills {@code target} up to the batch size from the queue. With {@code mayWait}, waits briefly for a first
     * item when {@code target} is empty, and lingers for more; the next batch, encoded while Redis works, never waits.
     */
    private void fill(List<PendingWrite> target, boolean mayWait) {
        int room = config.batchSize() - target.size();
        if (room <= 0) return;
        long linger = config.batchLinger().toNanos();
        boolean wait = mayWait && !stopping && target.isEmpty();
        boolean lingered = false;
        Object first = queue.poll();
        if (first == null && wait && busy && linger > 0) {
            // Under steady load the next event comes within the linger: wait for it quietly, so that no
            // application thread has to wake the writer (an unpark, a system call, per batch).
            LockSupport.parkNanos(this, linger);
            lingered = true;
            first = queue.poll();
        }
        if (first == null && wait) first = queue.poll(POLL_NANOS); // idle: the next offer wakes the writer
        if (Thread.interrupted()) stopping = true; // nobody interrupts the writer on purpose: a request to finish
        if (mayWait) busy = first != null || !target.isEmpty();
        if (first == null) return;
        drained.add(first);
        queue.drainTo(drained, room - 1);
        // Under a steady trickle every event would be its own round trip: linger briefly so a batch
        // gathers what arrives meanwhile.
        if (mayWait && !lingered && drained.size() < room && !stopping && linger > 0) {
            LockSupport.parkNanos(this, linger);
            queue.drainTo(drained, room - drained.size());
        }
        counters.dequeued(drained);
        for (Object item : drained) {
            try {
                encoder.encode(item, target);
            } catch (Throwable t) {
                counters.drop(DropReason.ENCODE_FAILED, 1);
                AgentLog.once("encode-failed:" + t.getClass().getName(), AgentLog.Level.WARN,
                        "could not encode a telemetry event, dropped and counted: " + t);
            }
        }
        drained.clear();
    }

    private void pause(long nanos) {
        long wait = nanos;
        if (stopping) wait = Math.min(wait, Math.max(0, stopDeadlineNanos - System.nanoTime()));
        if (wait > 0 && !abandoned) LockSupport.parkNanos(this, wait);
    }

    /**
     * Counts what is left as shutdown drops, tries once to report every unreported count to Redis, and
     * logs whatever could not be reported: no count is lost without a trace, even at exit.
     */
    private void finish() {
        connected = false;
        int left = 0;
        batch.addAll(next);
        next.clear();
        for (PendingWrite w : batch) {
            if (w.kind == PendingWrite.Kind.DROP_REPORT) dropReports.notWritten(w);
            else if (w.isApplicationEvent()) left++;
        }
        batch.clear();
        List<Object> rest = new ArrayList<>();
        queue.drainTo(rest, Integer.MAX_VALUE);
        counters.dequeued(rest);
        left += rest.size();
        if (left > 0) counters.drop(DropReason.SHUTDOWN, left);
        reportAtExit();
        if (!lossReportedByCaller) logAtExit(left);
        exitLogged = true;
        connector.shutdown();
    }

    private void reportAtExit() {
        WriterConnection c = abandoned ? null : connector.connection();
        if (c == null || !counters.hasUnreported()) return;
        List<PendingWrite> reports = new ArrayList<>();
        dropReports.addAll(reports);
        try {
            writer.write(c, reports);
        } catch (Throwable ignored) {
            // Counted back below and logged.
        }
        for (PendingWrite r : reports) dropReports.notWritten(r);
    }

    private void logAtExit(int left) {
        String unreported = counters.unreportedSummary();
        if (left == 0 && unreported.isEmpty()) return;
        StringBuilder line = new StringBuilder();
        if (left > 0) {
            line.append(left).append(left == 1 ? " telemetry event" : " telemetry events")
                    .append(" could not be written to Redis before shutdown and are lost (Redis unreachable or slow; the shutdown flush may take ")
                    .append(stopBudgetMillis).append(" ms, see shutdown.timeout)");
        }
        if (!unreported.isEmpty()) {
            line.append(line.length() == 0 ? "" : "; ").append("telemetry events dropped and never reported to Redis: ").append(unreported);
        } else {
            line.append("; counted in a telemetry.events_dropped report");
        }
        AgentLog.warn(line.toString());
    }

    /** Unreported drops for the caller's log line when the writer is stuck past the shutdown budget. */
    String unreportedSummary() {
        return counters.unreportedSummary();
    }
}
