package io.emp.telemetry.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The jars under test, located from the repository root the pom passes in ({@code e2e.repo.root}).
 * The reactor builds them before this module; when one is missing the test says how to build it
 * instead of failing somewhere inside a process start.
 */
final class Artifacts {
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

    private static Path require(String relative, String module) {
        Path jar = repoRoot().resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build it first, e.g. `mvn -q -o -pl " + module
                    + " package -DskipTests` (the reactor builds it before the e2e module)");
        }
        return jar;
    }
}
