package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis FCALL against a real redis-server: the classic {@code Jedis} and {@code UnifiedJedis} (JedisPooled). */
class JedisFcallTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static RecordingSink events;

    @BeforeAll
    static void load() {
        events = InstrumentedJvm.events();
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.functionLoadReplace(TestFunctions.LIBRARY);
        }
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    void jedisFcallAndFcallReadonly() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            Object reply = jedis.fcall("put_item", List.of("item:j1"), List.of("value", "x"));
            assertEquals(3, ((List<?>) reply).size());
            assertEquals("value", jedis.fcallReadonly("get_item", List.of("item:j1"), List.of()));
        }

        List<TelemetryEvent> completed = events.await(FunctionEvents.COMPLETED, 2);
        assertEquals("FCALL", completed.get(0).data().get(Attributes.DB_OPERATION_NAME));
        assertEquals("put_item", completed.get(0).data().get(Attributes.DB_STORED_PROCEDURE_NAME));
        assertEquals(1, completed.get(0).data().get(Attributes.REDIS_FUNCTION_KEY_COUNT));
        assertEquals(2, completed.get(0).data().get(Attributes.REDIS_FUNCTION_ARG_COUNT));
        assertEquals(3, completed.get(0).data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertEquals("FCALL_RO", completed.get(1).data().get(Attributes.DB_OPERATION_NAME));
        assertEquals(5, completed.get(1).data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertEquals(2, events.ofType(FunctionEvents.EXECUTING).size());
    }

    @Test
    void unifiedJedisWithBinaryNamesAndFailures() {
        try (JedisPooled jedis = new JedisPooled(REDIS.host(), REDIS.port())) {
            byte[] name = "put_item".getBytes(StandardCharsets.UTF_8);
            jedis.fcall(name, List.of("item:j2".getBytes(StandardCharsets.UTF_8)), List.of(new byte[] {1}, new byte[] {2}));
            assertNull(jedis.fcall("claim_next", List.of("queue:none"), List.of()));
            assertThrows(JedisDataException.class, () -> jedis.fcall("reject", List.of(), List.of("quota")));
        }

        TelemetryEvent completed = events.await(FunctionEvents.COMPLETED, 1).get(0);
        assertEquals("put_item", completed.data().get(Attributes.DB_STORED_PROCEDURE_NAME));
        TelemetryEvent failed = events.await(FunctionEvents.FAILED, 1).get(0);
        assertTrue(failed.isError());
        assertEquals(JedisDataException.class.getName(), failed.data().get(Attributes.ERROR_TYPE));
        assertEquals(0, failed.data().get(Attributes.REDIS_FUNCTION_KEY_COUNT));
        assertEquals(1, events.ofType(FunctionEvents.COMPLETED).size(), "the empty claim was suppressed");
        assertEquals(2, events.ofType(FunctionEvents.EXECUTING).size());
    }
}
