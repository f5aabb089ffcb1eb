package io.emp.telemetry.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;

/**
 * Defines classes in the boot loader without touching the bootstrap search path.
 * <p>
 * The JDK's {@code jdk.internal.misc.Unsafe.defineClass} accepts the boot loader (a {@code null}
 * loader); its package is not exported, and {@link Instrumentation#redefineModule} is the supported
 * way for an agent to export it. Exported to the agent's own loader, that would be the application's
 * class path too (the agent jar is on it), so it is exported only to the unnamed module of a
 * throw-away loader holding one class, {@link UnsafeBootDefiner}, which makes the calls. Not
 * {@code sun.misc.Unsafe} (ByteBuddy's {@code ClassInjector.UsingUnsafe}): from Java 24 that prints
 * deprecation warnings into the application's output.
 */
final class BootLoaderDefinition {
    private static final String DEFINER = "io.emp.telemetry.agent.boot.UnsafeBootDefiner";
    private static final String INTERNAL_PACKAGE = "jdk.internal.misc";

    private BootLoaderDefinition() {
    }

    static void define(Instrumentation inst, ClassLoader agentLoader, Map<String, byte[]> classes)
            throws ReflectiveOperationException, IOException {
        Module javaBase = Object.class.getModule();
        if (!inst.isModifiableModule(javaBase)) throw new IllegalStateException("java.base cannot be modified");
        IsolatedLoader isolated = new IsolatedLoader();
        Class<?> definer = isolated.defineOwn(DEFINER, resource(agentLoader, DEFINER));
        inst.redefineModule(javaBase, Collections.emptySet(),
                Collections.singletonMap(INTERNAL_PACKAGE, Collections.singleton(isolated.getUnnamedModule())),
                Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        Method define = definer.getMethod("define", String.class, byte[].class);
        for (Map.Entry<String, byte[]> type : classes.entrySet()) {
            Class<?> defined = (Class<?>) define.invoke(null, type.getKey(), type.getValue());
            if (defined.getClassLoader() != null) {
                throw new IllegalStateException(type.getKey() + " was not defined in the boot loader");
            }
        }
    }

    private static byte[] resource(ClassLoader loader, String className) throws IOException {
        String path = className.replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) throw new IOException(path + " is missing from the agent jar");
            return in.readAllBytes();
        }
    }

    /** Holds the definer alone, in a module of its own; parent: the boot loader (it needs only JDK types). */
    private static final class IsolatedLoader extends ClassLoader {
        IsolatedLoader() {
            super("emp-telemetry-boot-definer", null);
        }

        Class<?> defineOwn(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
