package io.emp.telemetry.agent.emit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: an unreachable Redis gives one clear log line, no exception, no blocking; shutdown
 * gives up within its bound and says how many events were lost.
 */
class UnreachableRedisTest {

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void refusedConnectionLogsOnceAndShutdownIsBounded() throws Exception {
        String url = "redis://user:pw-secret@127.0.0.1:" + closedPort();
        try (LogCapture log = new LogCapture()) {
            long t0 = System.nanoTime();
            RedisEventEmitter emitter = TestSupport.emitter(url);
            assertTrue(System.nanoTime() - t0 < Duration.ofMillis(500).toNanos(), "construction must not wait for the network");
            for (int i = 0; i < 100; i++) emitter.emit(WrongPasswordTest.event(i));
            TestSupport.waitUntil(Duration.ofSeconds(15), () -> emitter.stats().failedConnects() >= 5,
                    () -> emitter.stats().toString());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("cannot connect to Redis at redis://user:****@127.0.0.1:"), warnings.get(0));
            assertTrue(warnings.get(0).contains("Connection refused"), warnings.get(0));

            long closeStart = System.nanoTime();
            assertFalse(emitter.close(Duration.ofMillis(300)), "nothing could be written");
            long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
            assertTrue(closeMillis < 1500, "close took " + closeMillis + " ms");
            TestSupport.waitUntil(Duration.ofSeconds(5), () -> emitter.stats().dropped(DropReason.SHUTDOWN) == 100,
                    () -> emitter.stats().toString());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("100 telemetry events could not be written")), log.lines().toString());
            emitter.emit(WrongPasswordTest.event(101)); // after close: counted, not thrown
            assertEquals(101, emitter.stats().dropped(DropReason.SHUTDOWN));
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("pw-secret")));
        }
    }

    @Test
    void blackholedHostNeverBlocksTheCaller() {
        // 192.0.2.1 is TEST-NET-1: packets go nowhere, so connecting can only time out (or fail at once without a route).
        try (LogCapture log = new LogCapture();
             RedisEventEmitter emitter = TestSupport.emitter("redis://192.0.2.1:6379", "redis.timeout", "300ms")) {
            long worst = 0;
            for (int i = 0; i < 2000; i++) {
                long t0 = System.nanoTime();
                emitter.emit(WrongPasswordTest.event(i));
                worst = Math.max(worst, System.nanoTime() - t0);
            }
            assertTrue(worst < Duration.ofMillis(50).toNanos(), "an emit call blocked for " + worst / 1_000_000 + " ms");
            TestSupport.waitUntil(Duration.ofSeconds(15), () -> emitter.stats().failedConnects() >= 3,
                    () -> emitter.stats().toString());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("cannot connect to Redis at redis://192.0.2.1:6379"), warnings.get(0));
        }
    }
}
