package io.emp.telemetry.agent.emit;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off from application threads to the one writer thread: bounded, lock-free on the offering side,
 * with one consumer. An {@code ArrayBlockingQueue} made every application thread that emits take one lock the
 * writer also holds while it drains, and signal a condition on every offer; under load the threads queued on
 * that lock and woke each other (a futex call per event). Here an offer is a CAS on a linked queue plus a
 * count, and the writer is unparked only when it announced that it waits for work.
 */
final class EventQueue {
    private final ConcurrentLinkedQueue<Object> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    /** The consumer while it waits for an item: whoever offers next unparks it (once). */
    private final AtomicReference<Thread> waiting = new AtomicReference<>();

    EventQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Adds {@code item} unless {@code capacity} items are queued; never blocks. */
    boolean offer(Object item) {
        if (size.getAndIncrement() >= capacity) {
            size.decrementAndGet();
            return false;
        }
        items.offer(item);
        // Read after the offer's CAS: either the consumer sees the item when it checks again, or we see it waiting.
        Thread consumer = waiting.get();
        if (consumer != null && waiting.compareAndSet(consumer, null)) LockSupport.unpark(consumer);
        return true;
    }

    /** The next item, or {@code null} when none is queued. Consumer only. */
    Object poll() {
        Object item = items.poll();
        if (item != null) size.decrementAndGet();
        return item;
    }

    /** The next item, waiting up to {@code nanos} (or until {@link #wake}) when none is queued. Consumer only. */
    Object poll(long nanos) {
        Object item = poll();
        if (item != null || nanos <= 0) return item;
        Thread me = Thread.currentThread();
        waiting.set(me);
        try {
            // Announced first, then checked: an item offered in between is seen here or unparks us.
            item = poll();
            if (item == null) {
                LockSupport.parkNanos(this, nanos);
                item = poll();
            }
        } finally {
            waiting.compareAndSet(me, null);
        }
        return item;
    }

    /** Moves up to {@code max} queued items to {@code out}; returns how many. Consumer only. */
    int drainTo(Collection<Object> out, int max) {
        int n = 0;
        for (Object item; n < max && (item = items.poll()) != null; n++) out.add(item);
        if (n > 0) size.addAndGet(-n);
        return n;
    }

    /** Ends a {@link #poll(long)} in progress early (a stop request). */
    void wake() {
        Thread consumer = waiting.getAndSet(null);
        if (consumer != null) LockSupport.unpark(consumer);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Items queued (exact once offers and polls in progress completed). */
    int size() {
        return Math.max(0, Math.min(capacity, size.get()));
    }
}
