package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;

import java.lang.annotation.Annotation;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The table behind the bridge's {@code site} parameter: call site index → {@link SiteHandler}.
 * The index is a constant in the instrumented code, so the hot path is one array read.
 * <p>
 * Registration is keyed: registering an equal key again returns the same index, so the table is
 * bounded by the number of distinct rules and annotated-method shapes, not by how many classes
 * or class loaders come and go.
 */
public final class CallSites {
    /** Index that maps to no handler: the advice runs and does nothing. */
    public static final int NONE = -1;

    private final Map<Object, Integer> byKey = new HashMap<>();
    private volatile SiteHandler[] handlers = new SiteHandler[0];

    /** The index of {@code key}'s handler, creating it with {@code handler} the first time. */
    public synchronized int register(Object key, SiteHandler handler) {
        Integer existing = byKey.get(key);
        if (existing != null) return existing;
        SiteHandler[] next = Arrays.copyOf(handlers, handlers.length + 1);
        next[handlers.length] = handler;
        handlers = next;
        byKey.put(key, handlers.length - 1);
        return handlers.length - 1;
    }

    public SiteHandler get(int site) {
        SiteHandler[] h = handlers;
        return site >= 0 && site < h.length ? h[site] : null;
    }

    /**
     * The handler of {@code site} if it is of {@code kind}, else {@code null}: an advice of one
     * kind bound to a site of another (a wiring bug) does nothing instead of misreading values.
     */
    public <T extends SiteHandler> T get(int site, Class<T> kind) {
        SiteHandler h = get(site);
        return kind.isInstance(h) ? kind.cast(h) : null;
    }

    public int size() {
        return handlers.length;
    }

    /** {@code adviceClass} with its {@link SiteId} parameter bound to the fixed {@code site}. */
    public static Advice advice(Class<?> adviceClass, int site) {
        return AdviceClasses.to(Advice.withCustomMapping().bind(SiteId.class, site), adviceClass);
    }

    /** {@link #advice(Class, int)}, built when the first class that needs it is transformed. */
    public static LazyAdvice lazyAdvice(Class<?> adviceClass, int site) {
        return new LazyAdvice(() -> advice(adviceClass, site));
    }

    /** {@link #advicePerMethod}, built when the first class that needs it is transformed. */
    public static LazyAdvice lazyAdvicePerMethod(Class<?> adviceClass,
                                                 BiFunction<TypeDescription, MethodDescription, Integer> siteOf) {
        return new LazyAdvice(() -> advicePerMethod(adviceClass, siteOf));
    }

    /**
     * {@code adviceClass} with its {@link SiteId} bound to the fixed {@code site}, and its
     * {@code String} parameter annotated with {@code constant} bound to a value computed per
     * instrumented method at transformation time ({@code null} when {@code valueOf} returns null):
     * what the method's annotations say (a JAX-RS route) is read once, not on every call.
     */
    public static Advice advice(Class<?> adviceClass, int site, Class<? extends Annotation> constant,
                                BiFunction<TypeDescription, MethodDescription, String> valueOf) {
        Advice.OffsetMapping mapping = new Advice.OffsetMapping() {
            @Override
            public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                                  Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
                String value = valueOf.apply(instrumentedType, instrumentedMethod);
                return new Target.ForStackManipulation(value == null ? NullConstant.INSTANCE : new TextConstant(value));
            }
        };
        return AdviceClasses.to(Advice.withCustomMapping().bind(SiteId.class, site).bind(constant, mapping), adviceClass);
    }

    /** {@link #advice(Class, int, Class, BiFunction)}, built when the first class that needs it is transformed. */
    public static LazyAdvice lazyAdvice(Class<?> adviceClass, int site, Class<? extends Annotation> constant,
                                        BiFunction<TypeDescription, MethodDescription, String> valueOf) {
        return new LazyAdvice(() -> advice(adviceClass, site, constant, valueOf));
    }

    /** {@link #advice(Class, int, Map)}, built when the first class that needs it is transformed. */
    public static LazyAdvice lazyAdvice(Class<?> adviceClass, int site, Map<Class<? extends Annotation>, Object> constants) {
        return new LazyAdvice(() -> advice(adviceClass, site, constants));
    }

    /**
     * As {@link #advice(Class, int)}, with more constants baked into the advice: each annotation
     * type in {@code constants} binds the advice parameters it marks to its value (a setting the
     * inlined advice needs, such as the name of a header to read; a String or a primitive).
     */
    public static Advice advice(Class<?> adviceClass, int site, Map<Class<? extends Annotation>, Object> constants) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(SiteId.class, site);
        for (Map.Entry<Class<? extends Annotation>, Object> constant : constants.entrySet()) {
            mapping = bindConstant(mapping, constant.getKey(), constant.getValue());
        }
        return AdviceClasses.to(mapping, adviceClass);
    }

    private static <T extends Annotation> Advice.WithCustomMapping bindConstant(Advice.WithCustomMapping mapping,
                                                                                 Class<T> type, Object value) {
        return mapping.bind(type, value);
    }

    /**
     * {@code adviceClass} with its {@link SiteId} computed per instrumented method at
     * transformation time (e.g. from the method's annotations); {@link #NONE} when it returns null.
     */
    public static Advice advicePerMethod(Class<?> adviceClass,
                                         BiFunction<TypeDescription, MethodDescription, Integer> siteOf) {
        Advice.OffsetMapping mapping = new Advice.OffsetMapping() {
            @Override
            public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                                  Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
                Integer site = siteOf.apply(instrumentedType, instrumentedMethod);
                return new Target.ForStackManipulation(IntegerConstant.forValue(site == null ? NONE : site));
            }
        };
        return AdviceClasses.to(Advice.withCustomMapping().bind(SiteId.class, mapping), adviceClass);
    }
}
