package io.emp.telemetry.testing;

import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers once per JVM whether a Docker engine answers. */
final class DockerProbe {
    private static volatile Boolean available;

    static boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (DockerProbe.class) {
                a = available;
                if (a == null) {
                    a = probe();
                    available = a;
                }
            }
        }
        return a;
    }

    private static boolean probe() {
        // No socket, no DOCKER_HOST: skip the probe, which otherwise spends seconds trying strategies.
        if (System.getenv("DOCKER_HOST") == null && !new java.io.File("/var/run/docker.sock").exists()) return false;
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private DockerProbe() {
    }
}
