package io.emp.telemetry.agent.boot;

import io.emp.telemetry.agent.Log;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Puts the bridge ({@code io.emp.telemetry.bootstrap}) in the bootstrap class loader. It ships as a
 * nested jar inside the agent jar, not as loose classes, so it can never also be loaded by the
 * system class loader (two copies of the bridge would mean advice calling one and the agent
 * installing its handler in the other).
 * <p>
 * First choice: define its classes in the boot loader directly ({@link BootLoaderDefinition}), which
 * leaves the bootstrap search path alone and so keeps class-data sharing on for every class loader.
 * Fallback, where the JDK does not allow that: append the nested jar to the bootstrap search path
 * (the JVM then prints "Sharing is only supported for boot loader classes …" and shares only boot
 * classes).
 */
public final class BootstrapBridge {
    static final String RESOURCE = "META-INF/emp/emp-telemetry-bootstrap.jar";
    private static final String PROBE = "io.emp.telemetry.bootstrap.Bridge";

    private BootstrapBridge() {
    }

    /** How the bridge got there, for the start-up debug line. */
    public static String install(Instrumentation inst, ClassLoader agentLoader) throws IOException {
        if (alreadyInBootLoader()) return "already in the boot loader"; // attached twice, or tests that put it there
        byte[] jar;
        try (InputStream in = agentLoader.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException(RESOURCE + " is missing from the agent jar");
            jar = in.readAllBytes();
        }
        String why;
        try {
            BootLoaderDefinition.define(inst, agentLoader, classesOf(jar));
            return "defined in the boot loader";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            why = e.toString();
        }
        if (alreadyInBootLoader()) {
            // defined part-way: a half-defined bridge cannot be repaired by appending the jar
            throw new IOException("the bridge is only partly defined in the boot loader: " + why);
        }
        Log.debug("agent", "cannot define the bridge in the boot loader (" + why + "); appending its jar to the "
                + "bootstrap class path instead (the JVM then shares only boot loader classes)");
        appendToBootstrapSearch(inst, jar);
        return "appended to the bootstrap class path";
    }

    /** The nested jar's classes, interfaces first (a class's interfaces must be defined before it). */
    private static Map<String, byte[]> classesOf(byte[] jar) throws IOException {
        Map<String, byte[]> interfaces = new LinkedHashMap<>();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), false)) {
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                String path = entry.getName();
                if (!path.endsWith(".class")) continue;
                String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
                byte[] bytes = in.readAllBytes();
                (isInterface(bytes) ? interfaces : classes).put(name, bytes);
            }
        }
        interfaces.putAll(classes);
        return interfaces;
    }

    /** ACC_INTERFACE in the access flags right after the constant pool. */
    private static boolean isInterface(byte[] classFile) {
        int offset = 10;
        int count = u2(classFile, 8);
        for (int i = 1; i < count; i++) {
            int tag = classFile[offset] & 0xff;
            switch (tag) {
                case 1: offset += 3 + u2(classFile, offset + 1); break;             // Utf8
                case 5: case 6: offset += 9; i++; break;                           // Long, Double: two slots
                case 7: case 8: case 16: case 19: case 20: offset += 3; break;     // Class, String, MethodType, Module, Package
                case 15: offset += 4; break;                                       // MethodHandle
                default: offset += 5; break;                                       // ints, floats, refs, NameAndType, dynamic
            }
        }
        return (u2(classFile, offset) & 0x0200) != 0;
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void appendToBootstrapSearch(Instrumentation inst, byte[] jar) throws IOException {
        File file = newTempFile();
        file.deleteOnExit();
        Files.write(file.toPath(), jar);
        // not verified: the nested jar is not signed, and verification only loads the security providers
        inst.appendToBootstrapClassLoaderSearch(new JarFile(file, false));
    }

    /**
     * A new, empty file of our own in the temporary folder. Not {@link File#createTempFile}: its random
     * name comes from {@code SecureRandom}, whose set-up (security providers, seeding) was a tenth of
     * premain's class loading. {@code CREATE_NEW} gives the same guarantee (fails if the name exists,
     * a symbolic link included), and the process id plus a counter make the name unique enough.
     */
    private static File newTempFile() throws IOException {
        Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
        String prefix = "emp-telemetry-bootstrap-" + ProcessHandle.current().pid() + "-";
        long stamp = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            Path path = dir.resolve(prefix + Long.toHexString(stamp + attempt) + ".jar");
            try {
                return Files.createFile(path).toFile();
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 100) throw taken;
            }
        }
    }

    private static boolean alreadyInBootLoader() {
        try {
            Class.forName(PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
