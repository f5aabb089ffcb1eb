package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.SpanContext;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.context.TraceIds;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;

/**
 * Opens the current thread's span as the child of a REMOTE parent (an incoming {@code traceparent}).
 * <p>
 * The framework's {@link Spans} only opens children of the thread's current context, and its
 * {@code Span} constructor and span stack are not public. Until it offers
 * {@code Spans.openChildOf(SpanContext)} this adapter reaches them through a private lookup (same
 * class loader, unnamed module); if that ever fails (the framework changed), the request still gets
 * a span, in a new trace, and the failure is logged once.
 */
final class RemoteParent {
    private static final MethodHandle NEW_SPAN;
    private static final MethodHandle STACK;

    static {
        MethodHandle newSpan = null;
        MethodHandle stack = null;
        try {
            MethodHandles.Lookup spans = MethodHandles.privateLookupIn(Spans.class, MethodHandles.lookup());
            MethodHandles.Lookup span = MethodHandles.privateLookupIn(Span.class, MethodHandles.lookup());
            newSpan = span.findConstructor(Span.class,
                    MethodType.methodType(void.class, SpanContext.class, String.class, long.class));
            stack = spans.findStaticGetter(Spans.class, "STACK", ThreadLocal.class);
        } catch (Throwable t) {
            Log.warn("http-server", "cannot continue incoming traceparent headers with this agent core;"
                    + " requests start new traces", t);
        }
        NEW_SPAN = newSpan;
        STACK = stack;
    }

    private RemoteParent() {
    }

    /** A new current span in {@code remote}'s trace whose parent is {@code remote}'s span; else {@link Spans#open}. */
    static Span open(Class<?> origin, SpanContext remote) {
        if (remote == null || NEW_SPAN == null) return Spans.open(origin);
        try {
            Span span = (Span) NEW_SPAN.invoke(new SpanContext(remote.traceId(), TraceIds.newSpanId(), remote.sampled()),
                    remote.spanId(), System.nanoTime());
            @SuppressWarnings("unchecked")
            ArrayDeque<Span> stack = ((ThreadLocal<ArrayDeque<Span>>) STACK.invoke()).get();
            stack.push(span);
            return span;
        } catch (Throwable t) {
            return Spans.open(origin);
        }
    }
}
