package io.emp.telemetry.collector.console.live;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One open live feed: a bounded queue filled by {@link LiveHub} and drained by the HTTP thread
 * that writes the page's Server-Sent Events. When the page reads too slowly the oldest undelivered
 * messages are not kept; their number is sent to the page as a {@code dropped} message.
 */
public final class LiveSubscriber {
    static final int CAPACITY = 2000;

    private final BlockingQueue<LiveHub.Message> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Predicate<LiveHub.Message> wants;
    private final AtomicLong dropped = new AtomicLong();

    public LiveSubscriber(Predicate<LiveHub.Message> wants) {
        this.wants = wants;
    }

    void offer(LiveHub.Message m) {
        if (!wants.test(m)) return;
        if (!queue.offer(m)) dropped.incrementAndGet();
    }

    /** The next message, a {@code dropped} notice first when some were lost, or null after {@code timeoutMs}. */
    public LiveHub.Message next(long timeoutMs) throws InterruptedException {
        long lost = dropped.getAndSet(0);
        if (lost > 0) return new LiveHub.Message(LiveHub.Kind.DROPPED, null, Map.of("dropped", lost));
        return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
