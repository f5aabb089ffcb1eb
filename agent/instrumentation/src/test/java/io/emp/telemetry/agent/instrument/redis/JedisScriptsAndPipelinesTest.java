package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
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
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jedis EVAL / EVALSHA in every overload, and FCALL and scripts queued in pipelines and MULTI/EXEC transactions,
 * against a real redis-server: one event set per application call, the reply's outcome once it arrives.
 */
class JedisScriptsAndPipelinesTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]) return {KEYS[1], ARGV[1], ARGV[2]}";
    private static final String SHA = ScriptDigest.of(SCRIPT);

    private static RecordingSink events;

    @BeforeAll
    static void load() {
        events = InstrumentedJvm.events();
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.functionLoadReplace(TestFunctions.LIBRARY);
            assertEquals(SHA, jedis.scriptLoad(SCRIPT), "the digest events carry is the one Redis gives the script");
        }
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    void evalAndEvalshaInEveryOverloadAreOneScriptEventSetEach() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.eval(SCRIPT, List.of("s:1"), List.of("a", "b"));
            jedis.eval(SCRIPT, 1, "s:2", "a", "b");
            jedis.evalsha(SHA, 1, "s:3", "a", "b");
            assertEquals(1L, jedis.eval("return 1")); // delegates to eval(script, 0): still one call
            jedis.evalReadonly("return redis.call('GET', KEYS[1])", List.of("s:1"), List.of());
        }
        List<TelemetryEvent> completed = events.await(FunctionEvents.SCRIPT_COMPLETED, 5);
        assertEquals(List.of("EVAL", "EVAL", "EVALSHA", "EVAL", "EVAL_RO"),
                completed.stream().map(e -> e.data().get(Attributes.DB_OPERATION_NAME)).collect(java.util.stream.Collectors.toList()));
        TelemetryEvent first = completed.get(0);
        assertEquals(SHA, first.data().get(Attributes.REDIS_SCRIPT_SHA1));
        assertEquals(1, first.data().get(Attributes.REDIS_SCRIPT_KEY_COUNT));
        assertEquals(2, first.data().get(Attributes.REDIS_SCRIPT_ARG_COUNT));
        assertEquals(3, first.data().get(Attributes.REDIS_SCRIPT_RESULT_SIZE));
        assertEquals(SHA, completed.get(1).data().get(Attributes.REDIS_SCRIPT_SHA1));
        assertEquals(1, completed.get(1).data().get(Attributes.REDIS_SCRIPT_KEY_COUNT), "keyCount splits the params");
        assertEquals(2, completed.get(1).data().get(Attributes.REDIS_SCRIPT_ARG_COUNT));
        assertEquals(SHA, completed.get(2).data().get(Attributes.REDIS_SCRIPT_SHA1), "EVALSHA names the script by its digest");
        assertEquals(ScriptDigest.of("return 1"), completed.get(3).data().get(Attributes.REDIS_SCRIPT_SHA1));
        assertEquals(0, completed.get(3).data().get(Attributes.REDIS_SCRIPT_KEY_COUNT));
        assertEquals(5, events.ofType(FunctionEvents.SCRIPT_EXECUTING).size());
        assertEquals(0, events.ofType(FunctionEvents.COMPLETED).size(), "scripts are not functions");
        assertTrue(completed.stream().allMatch(e -> e.data().get(Attributes.REDIS_PIPELINED) == null));
    }

    @Test
    void aFailingScriptIsAnErrorEventOnUnifiedJedis() {
        try (JedisPooled jedis = new JedisPooled(REDIS.host(), REDIS.port())) {
            assertThrows(JedisDataException.class, () -> jedis.eval("return redis.error_reply('NOPE quota')"));
            assertThrows(JedisDataException.class, () -> jedis.evalsha("0000000000000000000000000000000000000000"));
        }
        List<TelemetryEvent> failed = events.await(FunctionEvents.SCRIPT_FAILED, 2);
        assertTrue(failed.get(0).isError());
        assertEquals(JedisDataException.class.getName(), failed.get(0).data().get(Attributes.ERROR_TYPE));
        assertEquals("EVALSHA", failed.get(1).data().get(Attributes.DB_OPERATION_NAME));
    }

    @Test
    void pipelinedCallsEndWhenSyncDeliversTheirReplies() {
        Span caller = Spans.open(JedisScriptsAndPipelinesTest.class);
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            Pipeline p = jedis.pipelined();
            Response<Object> put = p.fcall("put_item", List.of("item:p1"), List.of("v", "w"));
            p.set("plain", "x"); // a plain command's reply passes by, unrecorded
            Response<Object> script = p.eval(SCRIPT, List.of("s:p"), List.of("a", "b"));
            Response<Object> rejected = p.fcall("reject", List.of(), List.of("quota"));
            assertEquals(0, events.ofType(FunctionEvents.COMPLETED).size(), "nothing is known before sync");
            p.sync();
            assertEquals(3, ((List<?>) put.get()).size());
            assertEquals(3, ((List<?>) script.get()).size());
            assertThrows(JedisDataException.class, rejected::get);
        } finally {
            Spans.close(caller);
        }
        TelemetryEvent put = events.await(FunctionEvents.COMPLETED, 1).get(0);
        assertEquals("put_item", put.data().get(Attributes.DB_STORED_PROCEDURE_NAME));
        assertEquals(3, put.data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertEquals(true, put.data().get(Attributes.REDIS_PIPELINED));
        assertEquals(caller.traceId(), put.traceId(), "a pipelined call is in the caller's trace");
        TelemetryEvent script = events.await(FunctionEvents.SCRIPT_COMPLETED, 1).get(0);
        assertEquals(SHA, script.data().get(Attributes.REDIS_SCRIPT_SHA1));
        TelemetryEvent rejected = events.await(FunctionEvents.FAILED, 1).get(0);
        assertTrue(rejected.isError());
        assertTrue(String.valueOf(rejected.errorMessage()).contains("REJECTED quota"), rejected.errorMessage());
    }

    @Test
    void transactionRepliesArriveWithExecAndADiscardedOneSendsNothing() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            Transaction t = jedis.multi();
            Response<Object> put = t.fcall("put_item", List.of("item:t1"), List.of("v", "w"));
            Response<Object> script = t.evalsha(SHA, List.of("s:t"), List.of("a", "b"));
            t.exec();
            assertEquals(3, ((List<?>) put.get()).size());
            assertEquals(3, ((List<?>) script.get()).size());

            Transaction discarded = jedis.multi();
            discarded.fcall("put_item", List.of("item:t2"), List.of("v", "w"));
            discarded.discard();
            assertNull(jedis.get("item:t2"));
        }
        assertEquals(1, events.await(FunctionEvents.COMPLETED, 1).size());
        assertEquals("EVALSHA", events.await(FunctionEvents.SCRIPT_COMPLETED, 1).get(0).data().get(Attributes.DB_OPERATION_NAME));
        // the discarded call never ran: no completion, no failure (checked after the others arrived)
        assertEquals(1, events.ofType(FunctionEvents.COMPLETED).size());
        assertEquals(0, events.ofType(FunctionEvents.FAILED).size());
    }
}
