package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13: Redis back after an outage. Was: the agent reconnected 21 s after a 30 s outage (the
 * backoff had grown), dropping events all that time. A refused connect is now re-probed every
 * {@link WriterLoop#REFUSED_PROBE_NANOS}, whatever the backoff, with the production backoff settings.
 */
class FastReconnectTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Test
    void reconnectsWithinASecondOfRedisComingBack() throws Exception {
        assumeTrue(REDIS.canRestart(), "needs a restartable Redis");
        // Production backoff (100 ms doubling to 30 s): after 12 s of failures it waits 6.4 s, then 12.8 s.
        RedisEventEmitter emitter = new RedisEventEmitter(EmitterConfig.from(Settings.of(Map.of(
                "redis.url", REDIS.uri(), "service.name", "reconnect-test"))));
        try {
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().connected(), () -> emitter.stats().toString());
            REDIS.stop();
            emitter.emit(WrongPasswordTest.event(1)); // the write that finds the connection gone
            Thread.sleep(12_000);
            assertTrue(!emitter.stats().connected(), emitter.stats().toString());
            REDIS.start();
            long back = System.nanoTime();
            TestSupport.waitUntil(Duration.ofSeconds(30), () -> emitter.stats().connected(), () -> emitter.stats().toString());
            long millis = (System.nanoTime() - back) / 1_000_000;
            System.out.println("reconnected " + millis + " ms after Redis came back from a 12 s outage");
            assertTrue(millis < 1500, "reconnected only after " + millis + " ms: " + emitter.stats());
            TestSupport.waitUntil(Duration.ofSeconds(5), () -> emitter.stats().eventsWritten() >= 1, () -> emitter.stats().toString());
        } finally {
            emitter.close();
        }
    }
}
