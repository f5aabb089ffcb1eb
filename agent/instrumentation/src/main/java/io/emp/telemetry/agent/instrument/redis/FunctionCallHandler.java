package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.FunctionCallSite;
import io.emp.telemetry.agent.instrument.SiteCall;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One FCALL / FCALL_RO from any client ({@link FunctionCallSite}: the client method, the function,
 * its keys and arguments, the last two only counted). The call's span is a child of the caller's current span
 * and is closed when the client method returns; its events are sent when the reply is known,
 * which for async and reactive clients is later, on another thread.
 */
final class FunctionCallHandler implements FunctionCallSite {
    /** How the instrumented method delivers its reply. */
    enum Delivery {
        /** The return value, or a {@code CompletionStage} (Lettuce's {@code RedisFuture}). */
        RETURN_OR_FUTURE,
        /** A Reactor {@code Flux}, replaced by one that reports its end ({@link SiteCall#replacement}). */
        REACTIVE
    }

    private final FunctionEvents events;
    private final Delivery delivery;

    FunctionCallHandler(FunctionEvents events, Delivery delivery) {
        this.events = events;
        this.delivery = delivery;
    }

    @Override
    public SiteCall enter(Class<?> origin, String clientMethod, Object function, Object keys, Object args) {
        String method = clientMethod == null ? "" : clientMethod;
        String operation = method.toLowerCase(Locale.ROOT).endsWith("readonly") ? "FCALL_RO" : "FCALL";
        Span span = Spans.open(origin);
        FunctionCall call = new FunctionCall(events, span, operation, name(function),
                ResultSize.count(keys), ResultSize.count(args));
        call.entered();
        return new SiteCall() {
            private Object traced;

            @Override
            public void exit(Object returned, Throwable thrown) {
                Spans.close(span);
                if (delivery == Delivery.REACTIVE) {
                    traced = call.completeReactive(returned, thrown);
                } else {
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
