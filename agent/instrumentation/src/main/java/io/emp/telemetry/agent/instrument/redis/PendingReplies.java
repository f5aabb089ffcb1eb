package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.PipelinedReplySite;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pipelined and transactional calls waiting for their reply, keyed by the client's handle for the queued command
 * (Jedis's {@code Response}, compared by identity: it overrides neither equals nor hashCode). The handle is held
 * weakly: a pipeline the application drops without syncing, or a transaction it discards, lets its entries go
 * with it (those commands never ran, so there is nothing to report). At most {@link #MAX} wait at once; calls
 * beyond it are counted as dropped rather than held.
 * <p>
 * Every queued command's reply passes {@link #active()} first, so an application that pipelines thousands of
 * plain commands pays one volatile read per reply while no instrumented call waits.
 */
final class PendingReplies implements PipelinedReplySite {
    static final int MAX = 10_000;

    private final Map<Object, FunctionCall> waiting = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicInteger size = new AtomicInteger();
    private final SuppressedCalls untracked;

    PendingReplies(SuppressedCalls untracked) {
        this.untracked = untracked;
    }

    /** Waits for {@code response}'s reply to end {@code call}; false (and counted) when too many wait already. */
    boolean await(Object response, FunctionCall call) {
        if (response == null || size.get() >= MAX && compact() >= MAX) {
            untracked.suppressed();
            return false;
        }
        if (waiting.put(response, call) == null) size.incrementAndGet();
        return true;
    }

    @Override
    public boolean active() {
        return size.get() > 0;
    }

    @Override
    public void replied(Object response, Object reply) {
        FunctionCall call = waiting.remove(response);
        if (call == null) return;
        size.decrementAndGet();
        call.replied(reply);
    }

    int waiting() {
        return size.get();
    }

    /** Recounts after the collector cleared handles the application dropped. */
    private int compact() {
        int n = waiting.size(); // WeakHashMap expunges cleared entries here
        size.set(n);
        return n;
    }
}
