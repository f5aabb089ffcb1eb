package io.emp.telemetry.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.jar.JarFile;

/**
 * Puts the bridge ({@code io.emp.telemetry.bootstrap}) on the bootstrap class path. It ships as a
 * nested jar inside the agent jar, not as loose classes, so it can never also be loaded by the
 * system class loader (two copies of the bridge would mean advice calling one and the agent
 * installing its handler in the other).
 */
final class BootstrapJar {
    static final String RESOURCE = "META-INF/emp/emp-telemetry-bootstrap.jar";
    private static final String PROBE = "io.emp.telemetry.bootstrap.Bridge";

    private BootstrapJar() {
    }

    static void inject(Instrumentation inst, ClassLoader agentLoader) throws IOException {
        if (alreadyOnBootstrapPath()) return; // attached twice, or tests that put it there
        File jar = newTempFile();
        jar.deleteOnExit();
        try (InputStream in = agentLoader.getResourceAsStream(RESOURCE);
             OutputStream out = Files.newOutputStream(jar.toPath(), StandardOpenOption.WRITE)) {
            if (in == null) throw new IOException(RESOURCE + " is missing from the agent jar");
            in.transferTo(out);
        }
        // not verified: the nested jar is not signed, and verification only loads the security providers
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
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

    private static boolean alreadyOnBootstrapPath() {
        try {
            Class.forName(PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
