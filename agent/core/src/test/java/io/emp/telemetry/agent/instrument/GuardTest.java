package io.emp.telemetry.agent.instrument;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardTest {
    @Test
    void nestedEntryOnTheSameThreadIsRefusedUntilReleased() {
        int[] outer = Guard.tryEnter();
        assertNotNull(outer);
        assertNull(Guard.tryEnter(), "the agent's own work does not re-enter");
        Guard.exit(outer);
        int[] again = Guard.tryEnter();
        assertNotNull(again);
        Guard.exit(again);
    }

    @Test
    void theAgentsOwnThreadsAreAlwaysInside() throws Exception {
        AtomicReference<int[]> seen = new AtomicReference<>(new int[0]);
        Thread writer = new Thread(() -> seen.set(Guard.tryEnter()), "emp-telemetry-writer");
        writer.start();
        writer.join();
        assertNull(seen.get());
        assertTrue(Guard.isAgentThread(writer));
        assertFalse(Guard.isAgentThread(new Thread("main-worker")));
    }
}
