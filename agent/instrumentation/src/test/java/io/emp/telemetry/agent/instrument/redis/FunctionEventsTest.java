package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.testing.RecordingSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The empty-reply policy and its accounting, without bytecode: events for calls made by hand. */
class FunctionEventsTest {
    private final RecordingSink sink = new RecordingSink();
    private final AgentRuntime runtime = new AgentRuntime("svc", sink);

    @Test
    void recordModeSendsExecutingOnEntryAndEmptyCompletions() {
        FunctionEvents events = new FunctionEvents(runtime, EmptyResultPolicy.RECORD, new SuppressedCalls(runtime, 0));
        FunctionCall call = call(events);
        call.entered();
        assertEquals(List.of(FunctionEvents.EXECUTING), types());
        call.complete(null, null);
        assertEquals(List.of(FunctionEvents.EXECUTING, FunctionEvents.COMPLETED), types());
        assertEquals(0, sink.all().get(1).data().get(Attributes.REDIS_FUNCTION_RESULT_SIZE));
    }

    @Test
    void suppressedCallsAreCountedAndReportedAsDropped() {
        SuppressedCalls suppressed = new SuppressedCalls(runtime, 0); // report at every opportunity
        FunctionEvents events = new FunctionEvents(runtime, EmptyResultPolicy.SUPPRESS, suppressed);
        for (int i = 0; i < 3; i++) {
            FunctionCall call = call(events);
            call.entered();
            call.complete(List.of(), null);
        }
        assertEquals(3, suppressed.total());
        List<TelemetryEvent> reports = sink.ofType(EventTypes.EVENTS_DROPPED);
        assertEquals(3L, reports.stream().mapToLong(e -> ((Number) e.data().get(Attributes.DROPPED_COUNT)).longValue()).sum());
        assertEquals(SuppressedCalls.REASON, reports.get(0).data().get(Attributes.DROP_REASON));
        assertEquals(0, sink.ofType(FunctionEvents.EXECUTING).size());
    }

    @Test
    void aBadPolicyValueFallsBackToSuppress() {
        assertEquals(EmptyResultPolicy.SUPPRESS, EmptyResultPolicy.from(Settings.of(Map.of())));
        assertEquals(EmptyResultPolicy.RECORD,
                EmptyResultPolicy.from(Settings.of(Map.of(EmptyResultPolicy.KEY, "Record"))));
        assertEquals(EmptyResultPolicy.SUPPRESS,
                EmptyResultPolicy.from(Settings.of(Map.of(EmptyResultPolicy.KEY, "sometimes"))));
    }

    @Test
    void instrumentsTheApplicationsOwnClientsByTheirOriginalNames() {
        assertEquals(io.lettuce.core.AbstractRedisAsyncCommands.class.getName(), LibraryNames.LETTUCE_ASYNC);
        assertEquals(io.lettuce.core.AbstractRedisReactiveCommands.class.getName(), LibraryNames.LETTUCE_REACTIVE);
        assertEquals(redis.clients.jedis.Jedis.class.getName(), LibraryNames.JEDIS);
        assertEquals(redis.clients.jedis.UnifiedJedis.class.getName(), LibraryNames.UNIFIED_JEDIS);
        assertEquals(redis.clients.jedis.Response.class.getName(), LibraryNames.JEDIS_RESPONSE);
        assertEquals(redis.clients.jedis.PipeliningBase.class.getName(), LibraryNames.JEDIS_QUEUES[0]);
    }

    @Test
    void clientMethodsNameTheirOperation() {
        assertEquals(RedisOperation.FCALL, RedisOperation.of("fcall"));
        assertEquals(RedisOperation.FCALL_RO, RedisOperation.of("fcallReadOnly"));
        assertEquals(RedisOperation.FCALL_RO, RedisOperation.of("fcallReadonly"));
        assertEquals(RedisOperation.EVAL, RedisOperation.of("eval"));
        assertEquals(RedisOperation.EVAL_RO, RedisOperation.of("evalReadonly"));
        assertEquals(RedisOperation.EVALSHA, RedisOperation.of("evalsha"));
        assertEquals(RedisOperation.EVALSHA_RO, RedisOperation.of("evalshaReadOnly"));
        assertTrue(RedisOperation.EVALSHA.script && RedisOperation.EVALSHA.byDigest());
        assertFalse(RedisOperation.EVAL.byDigest() || RedisOperation.FCALL.script);
        // what redis-cli SCRIPT LOAD "return 1" answers
        assertEquals("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", ScriptDigest.of("return 1"));
        assertEquals(ScriptDigest.of("return 1"), ScriptDigest.of("return 1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));    }

    @Test
    void queuedCallsBeyondTheBoundAreCountedNotHeld() {
        SuppressedCalls untracked = new SuppressedCalls(runtime, 0, SuppressedCalls.UNTRACKED_REASON);
        PendingReplies replies = new PendingReplies(untracked);
        FunctionEvents events = new FunctionEvents(runtime, EmptyResultPolicy.RECORD, new SuppressedCalls(runtime, 0));
        List<Object> responses = new java.util.ArrayList<>();
        assertFalse(replies.active(), "no reply is awaited: a queued plain command costs nothing");
        for (int i = 0; i < PendingReplies.MAX; i++) {
            Object response = new Object();
            responses.add(response);
            assertTrue(replies.await(response, call(events)));
        }
        assertFalse(replies.await(new Object(), call(events)));
        assertEquals(1, untracked.total());
        assertEquals(SuppressedCalls.UNTRACKED_REASON,
                sink.ofType(EventTypes.EVENTS_DROPPED).get(0).data().get(Attributes.DROP_REASON));
        replies.replied(responses.get(0), "OK");
        replies.replied(new Object(), "OK"); // a plain command's reply: not awaited, ignored
        assertEquals(PendingReplies.MAX - 1, replies.waiting());
        assertEquals(1, sink.ofType(FunctionEvents.COMPLETED).size());
        replies.replied(responses.get(1), new IllegalStateException("ERR queued command failed"));
        assertEquals(1, sink.ofType(FunctionEvents.FAILED).size());
        assertTrue(replies.active());
    }

    private FunctionCall call(FunctionEvents events) {
        Span span = Spans.open(FunctionEventsTest.class);
        Spans.close(span);
        return new FunctionCall(events, span, RedisOperation.FCALL, "claim_job", 2, 1, false);
    }

    private List<String> types() {
        return sink.all().stream().map(TelemetryEvent::eventType).collect(java.util.stream.Collectors.toList());
    }
}
