package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.context.Span;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One function or script call in flight: reports its end exactly once, whichever way the reply arrives. */
final class FunctionCall implements ReactiveCompletion.Listener {
    private final FunctionEvents events;
    final Span span;
    final RedisOperation operation;
    /** The function's name, or the script's SHA1. */
    final String function;
    final int keyCount;
    final int argCount;
    /** Queued in a pipeline or transaction: the reply comes with the sync/exec ({@link #replied}). */
    final boolean pipelined;
    final long startMillis = System.currentTimeMillis();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger elements = new AtomicInteger();
    private volatile int firstElementSize;

    FunctionCall(FunctionEvents events, Span span, RedisOperation operation, String function, int keyCount, int argCount,
                 boolean pipelined) {
        this.events = events;
        this.pipelined = pipelined;
        this.span = span;
        this.operation = operation;
        this.function = function;
        this.keyCount = keyCount;
        this.argCount = argCount;
    }

    void entered() {
        events.entered(this);
    }

    /** A sync reply, or a future to wait for. */
    void complete(Object returned, Throwable thrown) {
        if (thrown == null && returned instanceof CompletionStage) {
            ((CompletionStage<?>) returned).whenComplete((reply, error) -> end(reply, unwrap(error)));
        } else {
            end(returned, thrown);
        }
    }

    /** A pipelined reply: the raw reply, or the client's exception object for an error reply. */
    void replied(Object reply) {
        if (reply instanceof Throwable) end(null, (Throwable) reply);
        else end(reply, null);
    }

    /** The Flux the method returns instead of {@code flux}: one that reports its terminal signal; or null. */
    Object completeReactive(Object flux, Throwable thrown) {
        if (thrown != null || flux == null) {
            end(null, thrown);
            return null;
        }
        try {
            return ReactiveCompletion.attach(flux, this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an unknown publisher type: the call goes unrecorded rather than changed
            return null;
        }
    }

    @Override
    public void element(Object element) {
        if (elements.incrementAndGet() == 1) firstElementSize = ResultSize.of(element);
    }

    @Override
    public void completed() {
        endWithSize(reactiveSize());
    }

    @Override
    public void failed(Throwable error) {
        end(null, error);
    }

    @Override
    public void cancelled() {
        endWithSize(reactiveSize());
    }

    /** A single element (a MULTI reply arrives as one list) is sized like a sync reply; else the element count. */
    private int reactiveSize() {
        int n = elements.get();
        return n == 1 ? firstElementSize : n;
    }

    private void end(Object reply, Throwable error) {
        if (!ended.compareAndSet(false, true)) return;
        try {
            if (error != null) {
                events.failed(this, error);
            } else {
                events.completed(this, ResultSize.of(reply));
            }
        } catch (Throwable ignored) {
            // may run on the client's I/O thread: nothing may escape into it
        }
    }

    private void endWithSize(int size) {
        if (!ended.compareAndSet(false, true)) return;
        try {
            events.completed(this, size);
        } catch (Throwable ignored) {
            // runs inside the application's reactive pipeline: nothing may escape into it
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
