package io.emp.telemetry.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
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
        File jar = File.createTempFile("emp-telemetry-bootstrap", ".jar");
        jar.deleteOnExit();
        try (InputStream in = agentLoader.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException(RESOURCE + " is missing from the agent jar");
            Files.copy(in, jar.toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
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
