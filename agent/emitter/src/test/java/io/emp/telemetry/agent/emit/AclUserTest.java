package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A least-privilege ACL user works (the one documented in docs/configuration.md), and a write the
 * ACL forbids is dropped, counted, reported and logged once instead of blocking the writer.
 */
class AclUserTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private String userUrl;

    @BeforeEach
    void createUser() {
        REDIS.flushAll();
        try (TestSupport.Reader admin = new TestSupport.Reader(REDIS.uri())) {
            admin.connection.sync().aclSetuser("emp-writer", AclSetuserArgs.Builder.on().addPassword("writer-pw")
                    .keyPattern("emp:*").channelPattern("job:*")
                    .addCommand(CommandType.XADD).addCommand(CommandType.XTRIM).addCommand(CommandType.PUBLISH)
                    .addCommand(CommandType.HELLO).addCommand(CommandType.AUTH).addCommand(CommandType.PING)
                    .addCommand(CommandType.CLIENT));
        }
        userUrl = "redis://emp-writer:writer-pw@" + REDIS.host() + ":" + REDIS.port();
    }

    private static TelemetryEvent event(String type, boolean error) {
        TelemetryEvent.Builder b = TelemetryEvent.builder(type).timestamp(System.currentTimeMillis()).service("acl-test")
                .traceId(Ids.newTraceId()).spanId(Ids.newSpanId());
        if (error) b.error(new IllegalStateException("bad"));
        return b.build();
    }

    @Test
    void aclUserWritesEventsErrorsAndStatus() {
        try (RedisEventEmitter emitter = TestSupport.emitter(userUrl);
             TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            emitter.emit(event("acl.ok", false));
            emitter.emit(event("acl.failed", true));
            emitter.publish("job:1:status", Map.of("progress", 1));
            TestSupport.waitUntil(Duration.ofSeconds(10),
                    () -> emitter.stats().eventsWritten() == 2 && emitter.stats().statusPublished() == 1,
                    () -> emitter.stats().toString());
            assertEquals(1, reader.xlen(StreamDefaults.EVENTS_STREAM));
            assertEquals(1, reader.xlen(StreamDefaults.ERRORS_STREAM));
            assertEquals(0, emitter.stats().droppedTotal());
        }
    }

    /** Sum of {@code dropped} over the drop reports in the events stream (all must say redis_rejected). */
    private static long reportedDrops(TestSupport.Reader reader) {
        long sum = 0;
        for (io.lettuce.core.StreamMessage<String, String> m : reader.xrange(StreamDefaults.EVENTS_STREAM)) {
            try {
                TelemetryEvent e = EventCodec.decode(m.getBody());
                if (!EventTypes.EVENTS_DROPPED.equals(e.eventType())) continue;
                assertEquals(DropReason.REDIS_REJECTED.wireName(), e.data().get(Attributes.DROP_REASON));
                sum += ((Number) e.data().get(Attributes.DROPPED_COUNT)).longValue();
            } catch (io.emp.telemetry.schema.MalformedEventException ex) {
                throw new AssertionError(ex);
            }
        }
        return sum;
    }

    @Test
    void writeForbiddenByAclIsDroppedCountedAndReported() throws Exception {
        try (LogCapture log = new LogCapture();
             RedisEventEmitter emitter = TestSupport.emitter(userUrl, "errors.stream", "forbidden:errors");
             TestSupport.Reader reader = new TestSupport.Reader(REDIS.uri())) {
            emitter.emit(event("acl.failed", true));
            emitter.emit(event("acl.failed", true));
            emitter.emit(event("acl.ok", false));
            // Reports may be split (one per write that saw new rejections, at most one a second): sum them.
            TestSupport.waitUntil(Duration.ofSeconds(10), () -> reportedDrops(reader) == 2,
                    () -> emitter.stats() + " " + log.lines());
            assertEquals(2, emitter.stats().dropped(DropReason.REDIS_REJECTED));
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("NOPERM") && warnings.get(0).contains("forbidden:errors"), warnings.get(0));
            assertEquals(1, reader.xrange(StreamDefaults.EVENTS_STREAM).stream()
                    .filter(m -> "acl.ok".equals(m.getBody().get("eventType"))).count());
        }
    }
}
