package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteHandler;
import io.emp.telemetry.agent.instrument.SiteCall;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One FCALL / FCALL_RO from any client. The advice passes {@code [method, function, keys, args]}
 * (keys and args only to be counted). The call's span is a child of the caller's current span
 * and is closed when the client method returns; its events are sent when the reply is known,
 * which for async and reactive clients is later, on another thread.
 */
final class FunctionCallHandler implements CallSiteHandler {
    /** How the instrumented method delivers its reply. */
    enum Delivery {
        /** The return value, or a {@code CompletionStage} (Lettuce's {@code RedisFuture}). */
        RETURN_OR_FUTURE,
        /** A Reactor {@code Flux}, handed over in a one-element box so it can be replaced. */
        REACTIVE
    }

    private final FunctionEvents events;
    private final Delivery delivery;

    FunctionCallHandler(FunctionEvents events, Delivery delivery) {
        this.events = events;
        this.delivery = delivery;
    }

    @Override
    public SiteCall enter(Class<?> origin, Object self, Object[] args) {
        if (args.length < 4) return null;
        String method = args[0] instanceof String ? (String) args[0] : "";
        String operation = method.toLowerCase(Locale.ROOT).endsWith("readonly") ? "FCALL_RO" : "FCALL";
        Span span = Spans.open(origin);
        FunctionCall call = new FunctionCall(events, span, operation, name(args[1]),
                ResultSize.count(args[2]), ResultSize.count(args[3]));
        call.entered();
        return (returned, thrown) -> {
            Spans.close(span);
            if (delivery == Delivery.REACTIVE) {
                call.completeReactive(returned, thrown);
            } else {
                call.complete(returned, thrown);
            }
        };
    }

    private static String name(Object function) {
        if (function instanceof String) return (String) function;
        if (function instanceof byte[]) return new String((byte[]) function, StandardCharsets.UTF_8);
        return null;
    }
}
