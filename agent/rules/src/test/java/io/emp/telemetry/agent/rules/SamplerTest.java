package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private int accepted(Sampler sampler, int calls) {
        int n = 0;
        for (int i = 0; i < calls; i++) {
            if (sampler.sample()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void probabilityZeroKeepsNothingAndOneKeepsEverything() {
        assertEquals(0, accepted(Sampler.of(0.0, -1), 10_000));
        assertEquals(10_000, accepted(Sampler.of(1.0, -1), 10_000));
        assertSame(Sampler.ALWAYS, Sampler.of(1.0, -1));
    }

    @Test
    void probabilityIsAppliedAgainstTheRandomDraw() {
        double[] draws = {0.1, 0.29, 0.3, 0.9};
        AtomicInteger i = new AtomicInteger();
        Sampler sampler = new Sampler(0.3, -1, clock::get, () -> draws[i.getAndIncrement()]);
        assertTrue(sampler.sample());
        assertTrue(sampler.sample());
        assertFalse(sampler.sample());
        assertFalse(sampler.sample());
    }

    @Test
    void realRandomProbabilityIsRoughlyRight() {
        // 200k draws at p=0.25: the standard deviation is ~194, so +-3000 is over 15 sigma: cannot flake.
        int n = accepted(Sampler.of(0.25, -1), 200_000);
        assertTrue(Math.abs(n - 50_000) < 3_000, "accepted " + n);
    }

    @Test
    void rateZeroKeepsNothing() {
        assertEquals(0, accepted(new Sampler(1.0, 0, clock::get, () -> 0.0), 1000));
    }

    @Test
    void tokenBucketAllowsABurstOfOneSecondThenTheRate() {
        Sampler sampler = new Sampler(1.0, 10, clock::get, () -> 0.0);
        assertEquals(10, accepted(sampler, 100), "a full bucket: one second's worth");
        assertEquals(0, accepted(sampler, 100), "empty while time stands still");
        clock.addAndGet(100_000_000L); // 100 ms = one token at 10/s
        assertEquals(1, accepted(sampler, 100));
        clock.addAndGet(500_000_000L);
        assertEquals(5, accepted(sampler, 100));
        clock.addAndGet(60_000_000_000L); // a long pause refills only up to the burst
        assertEquals(10, accepted(sampler, 100));
    }

    @Test
    void fractionalRates() {
        Sampler sampler = new Sampler(1.0, 0.5, clock::get, () -> 0.0);
        assertEquals(1, accepted(sampler, 10));
        clock.addAndGet(1_000_000_000L);
        assertEquals(0, accepted(sampler, 10));
        clock.addAndGet(1_000_000_000L);
        assertEquals(1, accepted(sampler, 10));
    }

    @Test
    void concurrentCallersNeverExceedTheBucket() throws Exception {
        Sampler sampler = new Sampler(1.0, 1000, clock::get, () -> 0.0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger total = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                total.addAndGet(accepted(sampler, 10_000));
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1000, total.get(), "exactly the burst while the clock stands still");
    }
}
