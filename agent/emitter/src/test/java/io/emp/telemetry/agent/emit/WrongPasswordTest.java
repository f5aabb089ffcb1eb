package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acceptance: a wrong password gives one clear log line (not one per retry), no exception; the right one works. */
class WrongPasswordTest {
    private static final String PASSWORD = "right-pw-4711";
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.withPassword(PASSWORD);

    static TelemetryEvent event(int i) {
        return TelemetryEvent.builder("auth.tick").timestamp(System.currentTimeMillis()).service("auth-test")
                .traceId(Ids.newTraceId()).spanId(Ids.newSpanId()).attribute("i", i).build();
    }

    @Test
    void wrongPasswordLogsOneRedactedLineAndNeverThrows() {
        String url = "redis://:wrong-pw-0815@" + REDIS.host() + ":" + REDIS.port();
        try (LogCapture log = new LogCapture(); RedisEventEmitter emitter = TestSupport.emitter(url)) {
            for (int i = 0; i < 50; i++) emitter.emit(event(i));
            TestSupport.waitUntil(Duration.ofSeconds(15), () -> emitter.stats().failedConnects() >= 5,
                    () -> emitter.stats().toString());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), "one line for " + emitter.stats().failedConnects() + " attempts: " + warnings);
            String line = warnings.get(0);
            assertTrue(line.startsWith("[emp-telemetry] WARN Redis refused authentication at redis://:****@"), line);
            assertTrue(line.contains("WRONGPASS"), line);
            for (String l : log.lines()) assertFalse(l.contains("wrong-pw-0815") || l.contains(PASSWORD), "password logged: " + l);
            assertEquals(0, emitter.stats().connects());
            assertEquals(50, emitter.stats().accepted());
        }
    }

    @Test
    void rightPasswordWrites() {
        REDIS.flushAll();
        try (RedisEventEmitter emitter = TestSupport.emitter(REDIS.uriWithPassword())) {
            for (int i = 0; i < 10; i++) emitter.emit(event(i));
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> emitter.stats().eventsWritten() == 10, () -> emitter.stats().toString());
        }
        RedisClient client = RedisClient.create(REDIS.uriWithPassword());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals(10L, c.sync().xlen(StreamDefaults.EVENTS_STREAM));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
