package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.log.AgentLog;
import io.emp.telemetry.schema.TelemetryEvent;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The emitter: application threads hand events to a bounded queue and return at once; one daemon
 * writer thread sends them to Redis (see {@link WriterLoop}).
 * <p>
 * Drop policy: when the queue is full, the NEWEST event (the one being emitted) is dropped and
 * counted, so what was queued first is written first and in order once Redis is reachable again.
 * The count is written as a {@code telemetry.events_dropped} event when the writer can write again.
 * <p>
 * Construction never blocks on the network and never throws because Redis is unavailable.
 */
public final class RedisEventEmitter implements EventSink, AutoCloseable {
    private static final long ABANDON_GRACE_MILLIS = 200;
    private final EmitterConfig config;
    private final EventQueue queue;
    private final EmitterCounters counters = new EmitterCounters();
    private final WriterLoop loop;
    private final Thread writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread shutdownHook;

    public RedisEventEmitter(EmitterConfig config) {
        this.config = config;
        this.queue = new EventQueue(config.queueCapacity());
        this.loop = new WriterLoop(config, queue, counters);
        this.writer = new Thread(loop, "emp-telemetry-writer");
        writer.setDaemon(true);
        // The writer must not pin the application's class loader, nor load classes through it.
        writer.setContextClassLoader(RedisEventEmitter.class.getClassLoader());
        writer.start();
    }

    @Override
    public void emit(TelemetryEvent event) {
        try {
            if (event != null) offer(event);
        } catch (Throwable ignored) {
            // Called on application threads: never throw.
        }
    }

    @Override
    public void publish(String channel, Map<String, ?> data) {
        try {
            if (channel != null) offer(new StatusMessage(channel, copy(data), System.currentTimeMillis()));
        } catch (Throwable ignored) {
            // Called on application threads: never throw.
        }
    }

    /**
     * Bounded twice: by count ({@code queue.capacity}) and by memory ({@code queue.max.bytes}); either
     * bound drops the newest item and counts it as {@code queue_full}. The byte bound is checked
     * before the offer without a lock, so concurrent callers may overshoot it by one event each.
     */
    private void offer(Object item) {
        if (closed.get()) {
            counters.drop(DropReason.SHUTDOWN, 1);
            return;
        }
        int size = EmitterCounters.sizeOf(item);
        if (counters.queuedBytes.get() + size <= config.queueMaxBytes() && queue.offer(item)) {
            counters.queuedBytes.addAndGet(size);
            counters.accepted.increment();
        } else {
            counters.drop(DropReason.QUEUE_FULL, 1);
        }
    }

    /** A private copy taken now (the caller may reuse its map); values reduced to string, number or boolean. */
    private static Map<String, Object> copy(Map<String, ?> data) {
        if (data == null || data.isEmpty()) return Collections.emptyMap();
        Map<String, Object> out = new LinkedHashMap<>(data.size() * 2);
        for (Map.Entry<String, ?> e : data.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) out.put(e.getKey(), AttributeValues.normalize(e.getKey(), e.getValue()));
        }
        return out;
    }

    public EmitterStats stats() {
        return new EmitterStats(counters, queue.size() + loop.inFlight(), loop.connected());
    }

    public EmitterConfig config() {
        return config;
    }

    /** Flushes within {@code shutdown.timeout}, then stops. */
    @Override
    public void close() {
        close(config.shutdownTimeout());
    }

    /**
     * Writes what is queued for at most {@code timeout}, then stops the writer; returns whether
     * everything was written. Events emitted afterwards are counted as dropped (reason shutdown).
     */
    public boolean close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) return !writer.isAlive();
        removeShutdownHook();
        loop.requestStop(System.nanoTime() + timeout.toNanos(), timeout.toMillis());
        LockSupport.unpark(writer);
        join(Math.max(1, timeout.toMillis()));
        if (writer.isAlive()) {
            // Out of budget: stop writing; the writer exits at once unless it is inside a network call.
            loop.abandon();
            LockSupport.unpark(writer);
            join(ABANDON_GRACE_MILLIS);
        }
        if (!writer.isAlive()) return counters.dropped(DropReason.SHUTDOWN) == 0;
        int left = loop.reportLossForCaller(queue.size());
        String unreported = loop.unreportedSummary();
        if (left >= 0 && (left > 0 || !unreported.isEmpty())) {
            AgentLog.warn("about " + left + " telemetry events could not be written to Redis within " + timeout.toMillis()
                    + " ms of shutdown and are lost (the writer is still waiting on Redis)"
                    + (unreported.isEmpty() ? "" : "; telemetry events dropped and never reported to Redis: " + unreported
                    + (left > 0 ? " plus those " + left : "")));
        }
        return false;
    }

    private void join(long millis) {
        try {
            writer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Flushes the queue (within {@code shutdown.timeout}) when the JVM exits. Idempotent. */
    public synchronized void registerShutdownHook() {
        if (shutdownHook != null || closed.get()) return;
        Thread hook = new Thread(this::close, "emp-telemetry-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException e) {
            // The JVM is already shutting down.
        }
    }

    private synchronized void removeShutdownHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook == null || hook == Thread.currentThread()) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown in progress: the hook is running or will run and find the emitter closed.
        }
    }
}
