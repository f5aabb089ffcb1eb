package io.emp.telemetry.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline: the services and the agents' emitters are asynchronous. */
final class Await {
    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails with {@code message} when {@code timeout} passed. */
    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> message) {
        if (!holdsWithin(timeout, condition)) throw new AssertionError(message.get());
    }

    /** Whether {@code condition} held within {@code timeout} (for waits whose assertions follow). */
    static boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
