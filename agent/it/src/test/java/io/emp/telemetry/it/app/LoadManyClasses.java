package io.emp.telemetry.it.app;

import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A start that loads thousands of classes, for measuring what matching costs (docs/architecture.md,
 * "What it costs"): loads, without initialising, every class of the jars given as arguments
 * through the system class loader, and prints how many and how long it took.
 */
public final class LoadManyClasses {
    private LoadManyClasses() {
    }

    public static void main(String[] jars) throws Exception {
        long start = System.nanoTime();
        int loaded = 0;
        for (String jar : jars) {
            try (JarFile file = new JarFile(jar)) {
                for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (!name.endsWith(".class") || name.contains("-") || name.startsWith("META-INF")) continue;
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                                LoadManyClasses.class.getClassLoader());
                        loaded++;
                    } catch (Throwable unloadable) {
                        // optional dependencies missing: the class is skipped, as an application would
                    }
                }
            }
        }
        System.out.println("loaded " + loaded + " classes in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
