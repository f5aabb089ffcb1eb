package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Advice classes read from their class files, never through reflection. An advice for a library
 * (the servlet API, Lettuce) names that library's types in its signatures; reflecting on it, or
 * resolving those types strictly, in an application that does not have the library would throw
 * and take the whole instrumentation down with it (the javax servlet and JDK server advice with the
 * Jakarta one). Library types the agent cannot see are described by name only: they are compared
 * by name with the instrumented method's types, and the advice is only ever inlined into classes
 * that do see them.
 */
final class AdviceClasses {
    /**
     * One pool per class loader of advice classes (in practice one: the agent's), shared by all advice: each advice
     * class names the same JDK and bridge types, and a pool per advice parsed them again for every one of the
     * ~20 advice classes at start-up. Bounded by the advice classes and the types they name.
     */
    private static final Map<ClassLoader, Pool> POOLS = new ConcurrentHashMap<>();

    private AdviceClasses() {
    }

    static Advice to(Class<?> adviceClass) {
        return to(Advice.withCustomMapping(), adviceClass);
    }

    static Advice to(Advice.WithCustomMapping mapping, Class<?> adviceClass) {
        ClassLoader loader = adviceClass.getClassLoader();
        Pool pool = loader == null ? new Pool(ClassFileLocator.ForClassLoader.ofBootLoader())
                : POOLS.computeIfAbsent(loader, l -> new Pool(ClassFileLocator.ForClassLoader.of(l)));
        TypeDescription description = pool.types.describe(adviceClass.getName()).resolve();
        return mapping.to(description, pool.locator);
    }

    private static final class Pool {
        final ClassFileLocator locator;
        final TypePool types;

        Pool(ClassFileLocator locator) {
            this.locator = locator;
            this.types = new NameOnlyForMissingTypes(locator);
        }
    }

    /** A type pool that describes a type it cannot find by its name alone instead of failing. */
    private static final class NameOnlyForMissingTypes extends TypePool.Default {
        NameOnlyForMissingTypes(ClassFileLocator locator) {
            super(new CacheProvider.Simple(), locator, ReaderMode.FAST);
        }

        @Override
        protected Resolution doDescribe(String name) {
            Resolution resolution = super.doDescribe(name);
            if (resolution.isResolved()) return resolution;
            return new Resolution.Simple(new TypeDescription.Latent(name, Opcodes.ACC_PUBLIC, TypeDescription.Generic.OBJECT));
        }
    }
}
