package io.emp.telemetry.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

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
    private AdviceClasses() {
    }

    static Advice to(Class<?> adviceClass) {
        return to(Advice.withCustomMapping(), adviceClass);
    }

    static Advice to(Advice.WithCustomMapping mapping, Class<?> adviceClass) {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(adviceClass.getClassLoader());
        TypeDescription description = new NameOnlyForMissingTypes(locator).describe(adviceClass.getName()).resolve();
        return mapping.to(description, locator);
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
