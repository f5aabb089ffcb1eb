package io.emp.telemetry.agent.boot;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Runs in a class loader of its own ({@link BootLoaderDefinition}), the only module the JDK's
 * {@code jdk.internal.misc} package is exported to; never loaded by the agent's class loader. Only
 * JDK types here: its loader's parent is the boot loader.
 */
public final class UnsafeBootDefiner {
    private UnsafeBootDefiner() {
    }

    /** Defines {@code name} from {@code classFile} in the boot loader. */
    public static Class<?> define(String name, byte[] classFile) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass",
                String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
        return (Class<?>) define.invoke(unsafe, name, classFile, 0, classFile.length, null, null);
    }
}
