package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.Limits;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While Redis is away the queue holds events; it must be bounded in memory, not only in count, so
 * large events cannot make the agent's footprint grow past {@code queue.max.bytes}.
 */
class QueueMemoryBoundTest {

    @Test
    void largeEventsAreBoundedByBytesWhateverTheCount() {
        // Nothing listens on port 1: the writer keeps retrying, every accepted event stays queued.
        try (RedisEventEmitter emitter = TestSupport.emitter("redis://127.0.0.1:1",
                "queue.capacity", "100000", "queue.max.bytes", "65536")) {
            String big = "x".repeat(1_000_000);
            for (int i = 0; i < 1000; i++) {
                emitter.emit(TelemetryEvent.builder("load.big").timestamp(i).traceId("0af7651916cd43dd8448eb211c80319c")
                        .spanId("b7ad6b7169203331").attribute("payload", big).build());
            }
            EmitterStats stats = emitter.stats();
            long perEvent = Limits.MAX_VALUE_CHARS;
            assertTrue(stats.accepted() * perEvent <= 65536 + perEvent,
                    "accepted " + stats.accepted() + " events of ~" + perEvent + " bytes each");
            assertTrue(stats.accepted() > 0, "some fit");
            assertEquals(1000 - stats.accepted(), stats.dropped(DropReason.QUEUE_FULL));
        }
    }

    @Test
    void valuesAreCutWhenTheEventIsBuiltNotOnlyWhenEncoded() {
        TelemetryEvent event = TelemetryEvent.builder("load.big").attribute("payload", "y".repeat(100_000))
                .errorMessage("m".repeat(100_000)).build();
        assertTrue(((String) event.data().get("payload")).length() <= Limits.MAX_VALUE_CHARS);
        assertEquals(Boolean.TRUE, event.data().get(Attributes.TRUNCATED));
        assertTrue(event.errorMessage().length() <= Limits.MAX_ERROR_MESSAGE_CHARS);
        assertTrue(event.approximateSize() < 8 * 1024, "size " + event.approximateSize());
    }
}
