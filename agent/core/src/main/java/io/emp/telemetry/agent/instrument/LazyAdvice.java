package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;

import java.util.function.Supplier;

/**
 * An {@link Advice} built the first time a class that needs it is transformed, not at start-up.
 * Building one reads the advice class and resolves its parameter mappings; done eagerly for every
 * instrumentation that was a third of premain, mostly for libraries the application does not have
 * (a servlet API, Lettuce, Jedis) whose advice is then never used.
 * <p>
 * Built once (several transforming threads may ask at the same time); a failure to build is thrown
 * to the transformation that asked, which logs it for that class and leaves it unchanged, and the
 * next one tries again.
 */
public final class LazyAdvice {
    private final Supplier<Advice> build;
    private volatile Advice advice;

    LazyAdvice(Supplier<Advice> build) {
        this.build = build;
    }

    public Advice get() {
        Advice a = advice;
        if (a == null) {
            synchronized (this) {
                a = advice;
                if (a == null) advice = a = build.get();
            }
        }
        return a;
    }
}
