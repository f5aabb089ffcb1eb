package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.FunctionCallSite;
import io.emp.telemetry.agent.instrument.SiteCall;

import java.nio.charset.StandardCharsets;

/**
 * One FCALL / FCALL_RO / EVAL / EVALSHA (and read-only forms) from any client ({@link FunctionCallSite}: the
 * client method, the function or script, its keys and arguments, the last two only counted). The call's span is
 * a child of the caller's current span and is closed when the client method returns; its events are sent when
 * the reply is known, which for async, reactive and pipelined calls is later, possibly on another thread.
 * Calls a recorded call makes itself (an overload delegating to another) are not recorded again.
 */
final class FunctionCallHandler implements FunctionCallSite {
    /** How the instrumented method delivers its reply. */
    enum Delivery {
        /** The return value, or a {@code CompletionStage} (Lettuce's {@code RedisFuture}). */
        RETURN_OR_FUTURE,
        /** A Reactor {@code Flux}, replaced by one that reports its end ({@link SiteCall#replacement}). */
        REACTIVE,
        /** A handle for a queued command (Jedis pipeline or transaction): the reply comes through {@link PendingReplies}. */
        QUEUED
    }

    private final FunctionEvents events;
    private final Delivery delivery;
    private final PendingReplies pending;

    FunctionCallHandler(FunctionEvents events, Delivery delivery) {
        this(events, delivery, null);
    }

    FunctionCallHandler(FunctionEvents events, Delivery delivery, PendingReplies pending) {
        if (delivery == Delivery.QUEUED && pending == null) throw new IllegalArgumentException("queued calls need their replies");
        this.events = events;
        this.delivery = delivery;
        this.pending = pending;
    }

    @Override
    public SiteCall enter(Class<?> origin, String clientMethod, Object function, Object keys, Object args) {
        RedisOperation operation = RedisOperation.of(clientMethod);
        String name = operation.script && !operation.byDigest() ? ScriptDigest.of(function) : name(function);
        if (!CallNesting.tryEnter()) return null;
        Span span;
        FunctionCall call;
        try {
            span = Spans.open(origin);
            call = new FunctionCall(events, span, operation, name, ResultSize.count(keys), ResultSize.count(args),
                    delivery == Delivery.QUEUED);
            call.entered();
        } catch (RuntimeException | Error e) {
            CallNesting.exit();
            throw e;
        }
        return new SiteCall() {
            private Object traced;

            @Override
            public void exit(Object returned, Throwable thrown) {
                CallNesting.exit();
                Spans.close(span);
                switch (delivery) {
                    case REACTIVE:
                        traced = call.completeReactive(returned, thrown);
                        break;
                    case QUEUED:
                        // queuing failed (a closed pipeline): that is the call's outcome
                        if (thrown != null) call.complete(null, thrown);
                        else pending.await(returned, call); // counted as dropped when it cannot wait
                        break;
                    default:
                        call.complete(returned, thrown);
                }
            }

            @Override
            public Object replacement(Object returned) {
                return traced != null ? traced : returned;
            }
        };
    }

    private static String name(Object function) {
        if (function instanceof String) return (String) function;
        if (function instanceof byte[]) return new String((byte[]) function, StandardCharsets.UTF_8);
        return null;
    }
}
