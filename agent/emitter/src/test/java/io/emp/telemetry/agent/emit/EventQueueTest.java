package io.emp.telemetry.agent.emit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer's hand-off queue: bounded, every item delivered once, a waiting consumer never misses a wake-up. */
class EventQueueTest {
    @Test
    void boundedByCountAndDrainedInOrder() {
        EventQueue q = new EventQueue(3);
        assertTrue(q.offer("a"));
        assertTrue(q.offer("b"));
        assertTrue(q.offer("c"));
        assertFalse(q.offer("d"), "the fourth item is refused, not queued");
        assertEquals(3, q.size());
        List<Object> out = new ArrayList<>();
        assertEquals(2, q.drainTo(out, 2));
        assertEquals(List.of("a", "b"), out);
        assertTrue(q.offer("e"));
        assertEquals("c", q.poll());
        assertEquals("e", q.poll(1));
        assertNull(q.poll());
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
    }

    /**
     * A consumer that waits with a very long timeout is woken by each offer: the test ends only if no wake-up is
     * lost between "nothing queued" and "park" (each round's wait is an hour; the JUnit timeout fails it).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWaitingConsumerIsWokenByEveryOffer() throws Exception {
        EventQueue q = new EventQueue(16);
        int rounds = 20_000;
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        Thread consumer = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                Object item;
                while ((item = q.poll(TimeUnit.HOURS.toNanos(1))) == null) {
                    // a spurious return: wait again
                }
                assertEquals(i, item);
                received.incrementAndGet();
            }
            done.countDown();
        });
        consumer.start();
        for (int i = 0; i < rounds; i++) {
            while (received.get() < i) Thread.onSpinWait(); // one item at a time: every offer meets a waiting consumer
            assertTrue(q.offer(i));
        }
        assertTrue(done.await(50, TimeUnit.SECONDS), "consumer stuck after " + received.get() + " items");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyProducersEveryAcceptedItemExactlyOnce() throws Exception {
        EventQueue q = new EventQueue(1000);
        int producers = 4, perProducer = 50_000;
        AtomicInteger accepted = new AtomicInteger();
        BitSet seen = new BitSet(producers * perProducer);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) if (q.offer(base + i)) accepted.incrementAndGet();
            });
            threads.add(t);
            t.start();
        }
        int got = 0;
        List<Object> batch = new ArrayList<>();
        while (threads.stream().anyMatch(Thread::isAlive) || !q.isEmpty()) {
            Object first = q.poll(TimeUnit.MILLISECONDS.toNanos(10));
            if (first == null) continue;
            batch.clear();
            batch.add(first);
            q.drainTo(batch, 255);
            for (Object o : batch) {
                int v = (Integer) o;
                assertFalse(seen.get(v), "delivered twice: " + v);
                seen.set(v);
                got++;
            }
            assertTrue(q.size() <= 1000, "size " + q.size());
        }
        for (Thread t : threads) t.join();
        assertEquals(accepted.get(), got);
        assertEquals(0, q.size());
    }
}
