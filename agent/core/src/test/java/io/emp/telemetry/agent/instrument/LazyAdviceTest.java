package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LazyAdviceTest {
    @Test
    void builtOnFirstUseOnlyAndOnceForConcurrentCallers() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        LazyAdvice lazy = new LazyAdvice(() -> {
            builds.incrementAndGet();
            return CallSites.advice(CallSiteAdvice.class, 0);
        });
        assertEquals(0, builds.get(), "nothing is built before a class needs it");

        Set<Advice> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    seen.add(lazy.get());
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) t.join();
        assertEquals(1, builds.get());
        assertEquals(1, seen.size());
        assertSame(seen.iterator().next(), lazy.get());
    }

    @Test
    void aFailedBuildIsTriedAgainNextTime() {
        AtomicInteger builds = new AtomicInteger();
        LazyAdvice lazy = new LazyAdvice(() -> {
            if (builds.incrementAndGet() == 1) throw new IllegalStateException("first build fails");
            return CallSites.advice(CallSiteAdvice.class, 0);
        });
        try {
            lazy.get();
        } catch (IllegalStateException expected) {
            // the transformation that asked logs it and leaves its class unchanged
        }
        lazy.get();
        assertEquals(2, builds.get());
    }
}
