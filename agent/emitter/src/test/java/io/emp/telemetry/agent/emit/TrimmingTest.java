package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: MAXLEN and MINID trimming hold over 100 000 events. Approximate trimming removes
 * whole stream nodes (at most {@code stream-node-max-entries} = 100 entries each), so a stream may
 * exceed its cap by up to one node; the bounds below allow exactly that slack.
 */
class TrimmingTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final int EVENTS = 100_000;
    private static final long NODE_SLACK = 100;

    @BeforeEach
    void flush() {
        REDIS.flushAll();
    }

    private static TelemetryEvent event(int seq, boolean error) {
        TelemetryEvent.Builder b = TelemetryEvent.builder(error ? "load.failed" : "load.tick")
                .timestamp(System.currentTimeMillis()).service("trim-test")
                .traceId(Ids.newTraceId()).spanId(Ids.newSpanId()).attribute("seq", seq);
        if (error) b.errorType("java.lang.RuntimeException").errorMessage("boom " + seq);
        return b.build();
    }

    @Test
    void approximateMaxlenHoldsOver100kEvents() {
        long maxSeen = 0;
        long maxErrorsSeen = 0;
        try (RedisEventEmitter emitter = TestSupport.emitter(REDIS.uri(), "events.maxlen", "1000", "errors.maxlen", "500",
                "events.retention", "0", "errors.retention", "0", "queue.capacity", "200000", "batch.size", "500");
             TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            for (int i = 0; i < EVENTS; i++) {
                emitter.emit(event(i, i % 10 == 9));
                if (i % 5000 == 0) {
                    maxSeen = Math.max(maxSeen, reader.xlen(StreamDefaults.EVENTS_STREAM));
                    maxErrorsSeen = Math.max(maxErrorsSeen, reader.xlen(StreamDefaults.ERRORS_STREAM));
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (emitter.stats().eventsWritten() < EVENTS && System.nanoTime() < deadline) {
                maxSeen = Math.max(maxSeen, reader.xlen(StreamDefaults.EVENTS_STREAM));
                maxErrorsSeen = Math.max(maxErrorsSeen, reader.xlen(StreamDefaults.ERRORS_STREAM));
            }
            assertEquals(EVENTS, emitter.stats().eventsWritten(), emitter.stats().toString());
            assertEquals(0, emitter.stats().droppedTotal());

            long len = reader.xlen(StreamDefaults.EVENTS_STREAM);
            long errLen = reader.xlen(StreamDefaults.ERRORS_STREAM);
            assertTrue(len >= 1000 && len <= 1000 + NODE_SLACK, "events XLEN " + len);
            assertTrue(errLen >= 500 && errLen <= 500 + NODE_SLACK, "errors XLEN " + errLen);
            assertTrue(maxSeen <= 1000 + NODE_SLACK, "events XLEN peaked at " + maxSeen);
            assertTrue(maxErrorsSeen <= 500 + NODE_SLACK, "errors XLEN peaked at " + maxErrorsSeen);
            // What is kept is the newest: the last entry is the last event.
            List<StreamMessage<String, String>> last = reader.connection.sync()
                    .xrevrange(StreamDefaults.EVENTS_STREAM, Range.create("-", "+"), io.lettuce.core.Limit.from(1));
            assertTrue(last.get(0).getBody().get("data").contains("\"seq\":99998"), last.get(0).getBody().toString());
        }
    }

    @Test
    void minidRetentionTrimsByAgeOver100kEvents() throws Exception {
        long retentionMs = 1000;
        try (RedisEventEmitter emitter = TestSupport.emitter(REDIS.uri(), "events.maxlen", "0", "events.retention",
                retentionMs + "ms", "trim.interval", "100ms", "queue.capacity", "200000", "batch.size", "500");
             TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            // Spread the events over about 3 s so that retention, not the count, decides what stays.
            for (int i = 0; i < EVENTS; i++) {
                emitter.emit(event(i, false));
                if (i % 2000 == 1999) Thread.sleep(60);
            }
            TestSupport.waitUntil(Duration.ofSeconds(60), () -> emitter.stats().eventsWritten() == EVENTS,
                    () -> emitter.stats().toString());
            long written = System.currentTimeMillis();
            assertTrue(reader.xlen(StreamDefaults.EVENTS_STREAM) < EVENTS, "retention must have trimmed while writing");

            // Once no entry is younger than the retention, the trim leaves at most one partial node.
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> reader.xlen(StreamDefaults.EVENTS_STREAM) <= NODE_SLACK,
                    () -> "XLEN " + reader.xlen(StreamDefaults.EVENTS_STREAM));
            assertTrue(System.currentTimeMillis() - written < 5000);
            List<StreamMessage<String, String>> left = reader.xrange(StreamDefaults.EVENTS_STREAM);
            if (!left.isEmpty()) {
                long oldestMs = Long.parseLong(left.get(0).getId().split("-")[0]);
                assertTrue(oldestMs >= written - retentionMs - 5000, "oldest entry " + oldestMs + " written at " + written);
            }
        }
    }
}
