package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lettuce EVAL / EVALSHA / EVAL_RO against a real redis-server: sync (String and byte[] scripts), reactive, errors. */
class LettuceScriptsTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]";

    private static RecordingSink events;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        events = InstrumentedJvm.events();
        client = RedisClient.create(REDIS.uri());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    static void close() {
        connection.close();
        client.shutdown(0, 1, TimeUnit.SECONDS);
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    void evalEvalshaAndReadOnlyAreOneScriptEventSetEach() {
        String sha = redis.scriptLoad(SCRIPT);
        assertEquals("v", redis.eval(SCRIPT, ScriptOutputType.VALUE, new String[]{"k:1"}, "v"));
        // the String form delegates to the byte[] form inside Lettuce: still one call
        assertEquals("w", redis.evalsha(sha, ScriptOutputType.VALUE, new String[]{"k:2"}, "w"));
        assertEquals("v", redis.evalReadOnly("return redis.call('GET', KEYS[1])".getBytes(), ScriptOutputType.VALUE,
                new String[]{"k:1"}));
        List<TelemetryEvent> completed = events.await(FunctionEvents.SCRIPT_COMPLETED, 3);
        assertEquals(List.of("EVAL", "EVALSHA", "EVAL_RO"),
                completed.stream().map(e -> e.data().get(Attributes.DB_OPERATION_NAME)).collect(java.util.stream.Collectors.toList()));
        assertEquals(sha, completed.get(0).data().get(Attributes.REDIS_SCRIPT_SHA1));
        assertEquals(sha, completed.get(1).data().get(Attributes.REDIS_SCRIPT_SHA1));
        assertEquals(1, completed.get(0).data().get(Attributes.REDIS_SCRIPT_KEY_COUNT));
        assertEquals(1, completed.get(0).data().get(Attributes.REDIS_SCRIPT_ARG_COUNT));
        assertEquals(0, completed.get(2).data().get(Attributes.REDIS_SCRIPT_ARG_COUNT));
        assertEquals(3, events.ofType(FunctionEvents.SCRIPT_EXECUTING).size());
    }

    @Test
    void reactiveEvalAndAFailingScript() {
        Object reply = connection.reactive().eval("return 7", ScriptOutputType.INTEGER).blockFirst(Duration.ofSeconds(5));
        assertEquals(7L, reply);
        assertThrows(RedisCommandExecutionException.class,
                () -> redis.eval("return redis.error_reply('NOPE')", ScriptOutputType.STATUS));
        TelemetryEvent done = events.await(FunctionEvents.SCRIPT_COMPLETED, 1).get(0);
        assertEquals(ScriptDigest.of("return 7"), done.data().get(Attributes.REDIS_SCRIPT_SHA1));
        TelemetryEvent failed = events.await(FunctionEvents.SCRIPT_FAILED, 1).get(0);
        assertTrue(failed.isError());
    }
}
