package io.emp.telemetry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * The jars under test, located from the repository root the pom passes in ({@code e2e.repo.root}).
 * The reactor builds them before this module; when one is missing the test says how to build it
 * instead of failing somewhere inside a process start.
 */
final class Artifacts {
    private static final Map<String, Path> SNAPSHOTS = new ConcurrentHashMap<>();

    private Artifacts() {
    }

    static Path agentJar() {
        return require("agent/target/emp-telemetry-agent.jar", "agent/dist");
    }

    static Path apiServerJar() {
        return require("sample-services/api-server/target/api-server.jar", "sample-services/api-server");
    }

    static Path workerJar() {
        return require("sample-services/worker/target/worker.jar", "sample-services/worker");
    }

    static Path aiStandinJar() {
        return require("sample-services/ai-standin/target/ai-standin.jar", "sample-services/ai-standin");
    }

    static Path collectorJar() {
        return require("collector/target/emp-collector.jar", "collector");
    }

    /** The java launcher of the JVM running the tests: the services run on the same JDK. */
    static Path java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    /** This module's compiled test classes (for small test applications such as {@link PlainApp}). */
    static Path testClasses() {
        try {
            return Paths.get(Artifacts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the test classes", e);
        }
    }

    /** {@code target/e2e-logs/<test class>}: stdout and stderr of every JVM the class starts. */
    static Path logsDir(Class<?> testClass) {
        Path base = Paths.get(System.getProperty("e2e.logs.dir", "target/e2e-logs"));
        return base.resolve(testClass.getSimpleName()).toAbsolutePath();
    }

    private static Path repoRoot() {
        return Paths.get(System.getProperty("e2e.repo.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * A copy of the built jar, taken once per test run: a JVM keeps reading its jar while it runs, so
     * a rebuild of the original during the run (another build in the same checkout) must not pull
     * classes out from under it, and every test of the run sees the same version.
     */
    private static Path require(String relative, String module) {
        return SNAPSHOTS.computeIfAbsent(relative, r -> snapshot(r, module));
    }

    private static Path snapshot(String relative, String module) {
        Path jar = repoRoot().resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build it first, e.g. `mvn -q -o -pl " + module
                    + " package -DskipTests` (the reactor builds it before the e2e module)");
        }
        Path dir = Paths.get(System.getProperty("e2e.jars.dir", "target/e2e-jars")).toAbsolutePath();
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(dir);
                Path copy = Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                new JarFile(copy.toFile()).close(); // a jar caught half-written has no central directory yet
                return copy;
            } catch (IOException e) {
                if (attempt == 3) throw new UncheckedIOException("cannot copy " + jar + " (being rebuilt?)", e);
                sleep(2_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
