package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.testing.InstrumentedJvm;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lettuce FCALL against a real redis-server: sync, async and reactive. */
class LettuceFcallTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

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
        redis.functionLoad(TestFunctions.LIBRARY, true);
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
    void syncFcallNestsUnderTheCallersSpanWithCountsAndDuration() {
        Span caller = Spans.open(LettuceFcallTest.class);
        List<String> reply;
        try {
            reply = redis.fcall("put_item", ScriptOutputType.MULTI, new String[] {"item:1"}, "s3cr3t-value", "x");
        } finally {
            Spans.close(caller);
        }
        assertEquals(3, reply.size());

        TelemetryEvent executing = events.await(FunctionEvents.EXECUTING, 1).get(0);
        TelemetryEvent completed = events.await(FunctionEvents.COMPLETED, 1).get(0);
        for (TelemetryEvent e : List.of(executing, completed)) {
            assertEquals("redis", e.data().get(Attributes.DB_SYSTEM_NAME));
            assertEquals("FCALL", e.data().get(Attributes.DB_OPERATION_NAME));
            assertEquals("put_item", e.data().get(Attributes.DB_STORED_PROCEDURE_NAME));
            assertEquals(1, e.data().get(Attributes.REDIS_FUNCTION_KEY_COUNT));
            assertEquals(2, e.data().get(Attributes.REDIS_FUNCTION_ARG_COUNT));
            assertEquals(caller.traceId(), e.traceId());
            assertEquals(caller.spanId(), e.parentSpanId());
            assertFalse(e.toString().contains("s3cr3t"), "argument values are never recorded");
        }
        assertEquals(executing.spanId(), completed.spanId());
        assertEquals(3, completed.data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertTrue(((Number) completed.data().get(Attributes.DURATION_MS)).doubleValue() > 0);
        assertTrue(executing.timestamp() <= completed.timestamp());
    }

    @Test
    void readOnlyCallsAreFcallRo() {
        redis.set("item:2", "hello");
        assertEquals("hello", redis.fcallReadOnly("get_item", ScriptOutputType.VALUE, "item:2"));

        TelemetryEvent completed = events.await(FunctionEvents.COMPLETED, 1).get(0);
        assertEquals("FCALL_RO", completed.data().get(Attributes.DB_OPERATION_NAME));
        assertEquals(0, completed.data().get(Attributes.REDIS_FUNCTION_ARG_COUNT));
        assertEquals(5, completed.data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertNull(completed.parentSpanId(), "no enclosing span: the call is a root");
    }

    @Test
    void asyncFcallCompletesWhenTheFutureDoes() throws Exception {
        RedisFuture<List<String>> future = connection.async()
                .fcall("put_item", ScriptOutputType.MULTI, new String[] {"item:3"}, "v", "w");
        assertEquals(3, future.get(5, TimeUnit.SECONDS).size());

        TelemetryEvent completed = events.await(FunctionEvents.COMPLETED, 1).get(0);
        assertEquals(3, completed.data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertEquals(1, events.ofType(FunctionEvents.EXECUTING).size(), "the sync API is the async one: seen once");
    }

    @Test
    void reactiveFcallCompletesOnTheTerminalSignal() {
        List<Object> reply = connection.reactive()
                .fcall("put_item", ScriptOutputType.MULTI, new String[] {"item:4"}, "v", "w")
                .collectList().block(Duration.ofSeconds(5));
        assertEquals(1, reply.size(), "a MULTI reply is one element, the list");
        assertEquals(3, ((List<?>) reply.get(0)).size());

        TelemetryEvent completed = events.await(FunctionEvents.COMPLETED, 1).get(0);
        assertEquals("put_item", completed.data().get(Attributes.DB_STORED_PROCEDURE_NAME));
        assertEquals(3, completed.data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertEquals(1, events.ofType(FunctionEvents.EXECUTING).size());
    }

    @Test
    void aFailingFunctionIsAnErrorEvent() {
        assertThrows(RedisCommandExecutionException.class,
                () -> redis.fcall("reject", ScriptOutputType.STATUS, new String[] {"item:5"}, "quota"));

        TelemetryEvent failed = events.await(FunctionEvents.FAILED, 1).get(0);
        assertTrue(failed.isError());
        assertEquals(RedisCommandExecutionException.class.getName(), failed.errorType());
        assertTrue(failed.errorMessage().startsWith("REJECTED"));
        assertEquals("reject", failed.data().get(Attributes.DB_STORED_PROCEDURE_NAME));
        assertTrue(failed.data().containsKey(Attributes.DURATION_MS));
        assertEquals(1, events.ofType(FunctionEvents.EXECUTING).size());
    }

    @Test
    void emptyRepliesOfAnIdlePollAreSuppressedByDefault() {
        for (int i = 0; i < 5; i++) {
            assertNull(redis.fcall("claim_next", ScriptOutputType.VALUE, "queue:empty"));
        }
        redis.rpush("queue:full", "job-1");
        assertEquals("job-1", redis.fcall("claim_next", ScriptOutputType.VALUE, "queue:full"));

        List<TelemetryEvent> completed = events.await(FunctionEvents.COMPLETED, 1);
        assertEquals(1, completed.size());
        assertEquals(5, completed.get(0).data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
        assertEquals(1, events.ofType(FunctionEvents.EXECUTING).size(), "executing waits for the reply");
    }
}
