package io.emp.telemetry.agent.rules;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Decides per invocation whether a rule fires: first a probability, then a rate limit. The rate limit is a token
 * bucket in its lock-free GCRA form: one atomic "theoretical arrival time", advanced by one emission interval per
 * accepted call with a single CAS; up to one second's worth of calls may burst.
 */
public final class Sampler {
    public static final Sampler ALWAYS = new Sampler(1.0, -1, System::nanoTime, () -> 0.0);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double probability;
    private final double maxPerSecond;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;
    private final long intervalNanos;
    private final long burstNanos;
    private final AtomicLong theoreticalArrival;

    /**
     * @param probability  0..1, the share of calls kept
     * @param maxPerSecond negative for no rate limit, 0 for none at all
     */
    public Sampler(double probability, double maxPerSecond, LongSupplier nanoClock, DoubleSupplier random) {
        this.probability = probability;
        this.maxPerSecond = maxPerSecond;
        this.nanoClock = nanoClock;
        this.random = random;
        if (maxPerSecond > 0) {
            this.intervalNanos = Math.max(1L, (long) (NANOS_PER_SECOND / maxPerSecond));
            long burst = Math.max(1L, (long) Math.ceil(maxPerSecond));
            this.burstNanos = intervalNanos * burst;
        } else {
            this.intervalNanos = 0;
            this.burstNanos = 0;
        }
        this.theoreticalArrival = new AtomicLong(nanoClock.getAsLong() - burstNanos);
    }

    public static Sampler of(double probability, double maxPerSecond) {
        if (probability >= 1.0 && maxPerSecond < 0) {
            return ALWAYS;
        }
        return new Sampler(probability, maxPerSecond, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
    }

    public double probability() {
        return probability;
    }

    /** Negative when there is no rate limit. */
    public double maxPerSecond() {
        return maxPerSecond;
    }

    public boolean sample() {
        if (probability < 1.0 && (probability <= 0.0 || random.getAsDouble() >= probability)) {
            return false;
        }
        if (maxPerSecond < 0) {
            return true;
        }
        if (maxPerSecond == 0) {
            return false;
        }
        return takeToken();
    }

    private boolean takeToken() {
        while (true) {
            long now = nanoClock.getAsLong();
            long tat = theoreticalArrival.get();
            long base = tat - now > 0 ? tat : now;
            long next = base + intervalNanos;
            if (next - now > burstNanos) {
                return false;
            }
            if (theoreticalArrival.compareAndSet(tat, next)) {
                return true;
            }
        }
    }
}
