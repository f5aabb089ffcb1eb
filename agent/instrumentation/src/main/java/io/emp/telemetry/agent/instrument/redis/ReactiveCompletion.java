package io.emp.telemetry.agent.instrument.redis;

import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * Attaches completion callbacks to the application's Reactor {@code Flux} without naming Reactor
 * (the agent's own copy is relocated, so the application's classes are only reachable through the
 * object itself). Uses {@code doOnNext}, {@code doOnComplete}, {@code doOnError} and
 * {@code doOnCancel}, which take JDK functional types. The methods are looked up once per class.
 */
final class ReactiveCompletion {
    /** What the callbacks report into. */
    interface Listener {
        void element(Object element);

        void completed();

        void failed(Throwable error);

        void cancelled();
    }

    private static final ClassValue<Method[]> METHODS = new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            try {
                return new Method[] {
                        type.getMethod("doOnNext", Consumer.class),
                        type.getMethod("doOnComplete", Runnable.class),
                        type.getMethod("doOnError", Consumer.class),
                        type.getMethod("doOnCancel", Runnable.class)};
            } catch (NoSuchMethodException | SecurityException e) {
                return null;
            }
        }
    };

    private ReactiveCompletion() {
    }

    /** {@code publisher} with the listener attached, or {@code null} when it is not a Flux-like type. */
    static Object attach(Object publisher, Listener listener) throws ReflectiveOperationException {
        if (publisher == null) return null;
        Method[] m = METHODS.get(publisher.getClass());
        if (m == null) return null;
        Consumer<Object> onNext = listener::element;
        Runnable onComplete = listener::completed;
        Consumer<Throwable> onError = listener::failed;
        Runnable onCancel = listener::cancelled;
        Object p = m[0].invoke(publisher, onNext);
        p = METHODS.get(p.getClass())[1].invoke(p, onComplete);
        p = METHODS.get(p.getClass())[2].invoke(p, onError);
        return METHODS.get(p.getClass())[3].invoke(p, onCancel);
    }
}
