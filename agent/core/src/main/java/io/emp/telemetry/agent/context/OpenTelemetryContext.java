package io.emp.telemetry.agent.context;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads the application's current OpenTelemetry span, when the OpenTelemetry API is visible to the
 * class whose code runs (the application may also run the OpenTelemetry agent), so that our spans
 * continue its trace instead of starting a new one.
 * <p>
 * Reflective, because the agent must not depend on (or ship) the OpenTelemetry API. The lookup is
 * cached per class with a {@link ClassValue}: weakly held, nothing kept after the class unloads,
 * and lock-free after the first call. Any failure means "no OpenTelemetry span".
 */
final class OpenTelemetryContext {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();
    private static final Accessor ABSENT = new Accessor(null, null, null, null, null, null);

    private static final ClassValue<Accessor> ACCESSORS = new ClassValue<Accessor>() {
        @Override
        protected Accessor computeValue(Class<?> type) {
            return Accessor.find(type.getClassLoader());
        }
    };

    private OpenTelemetryContext() {
    }

    /** The valid current OpenTelemetry span context visible from {@code origin}, or {@code null}. */
    static SpanContext current(Class<?> origin) {
        if (origin == null) return null;
        try {
            return ACCESSORS.get(origin).current();
        } catch (Throwable t) {
            return null;
        }
    }

    private static final class Accessor {
        private final MethodHandle current;
        private final MethodHandle getSpanContext;
        private final MethodHandle isValid;
        private final MethodHandle getTraceId;
        private final MethodHandle getSpanId;
        private final MethodHandle isSampled;

        private Accessor(MethodHandle current, MethodHandle getSpanContext, MethodHandle isValid,
                         MethodHandle getTraceId, MethodHandle getSpanId, MethodHandle isSampled) {
            this.current = current;
            this.getSpanContext = getSpanContext;
            this.isValid = isValid;
            this.getTraceId = getTraceId;
            this.getSpanId = getSpanId;
            this.isSampled = isSampled;
        }

        static Accessor find(ClassLoader loader) {
            try {
                Class<?> span = Class.forName("io.opentelemetry.api.trace.Span", false, loader);
                Class<?> ctx = Class.forName("io.opentelemetry.api.trace.SpanContext", false, loader);
                return new Accessor(
                        LOOKUP.findStatic(span, "current", MethodType.methodType(span)),
                        LOOKUP.findVirtual(span, "getSpanContext", MethodType.methodType(ctx)),
                        LOOKUP.findVirtual(ctx, "isValid", MethodType.methodType(boolean.class)),
                        LOOKUP.findVirtual(ctx, "getTraceId", MethodType.methodType(String.class)),
                        LOOKUP.findVirtual(ctx, "getSpanId", MethodType.methodType(String.class)),
                        LOOKUP.findVirtual(ctx, "isSampled", MethodType.methodType(boolean.class)));
            } catch (Throwable notThere) {
                return ABSENT;
            }
        }

        SpanContext current() throws Throwable {
            if (current == null) return null;
            Object span = current.invoke();
            if (span == null) return null;
            Object ctx = getSpanContext.invoke(span);
            if (ctx == null || !(boolean) isValid.invoke(ctx)) return null;
            return SpanContext.ofValid((String) getTraceId.invoke(ctx), (String) getSpanId.invoke(ctx),
                    (boolean) isSampled.invoke(ctx));
        }
    }
}
