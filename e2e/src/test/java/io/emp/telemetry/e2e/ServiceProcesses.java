package io.emp.telemetry.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every JVM a test class started, so that {@code @AfterAll} ends them all, in reverse order, even
 * when a start or an assertion failed half-way.
 */
final class ServiceProcesses implements AutoCloseable {
    private final Path logsDir;
    private final List<ServiceProcess> started = new ArrayList<>();

    ServiceProcesses(Path logsDir) {
        this.logsDir = logsDir;
    }

    synchronized ServiceProcess start(Launch launch) {
        ServiceProcess process = ServiceProcess.start(launch, logsDir);
        started.add(process);
        return process;
    }

    /** The output of every process started so far, for assertion messages. */
    synchronized String logs() {
        return started.stream().map(ServiceProcess::logs).collect(Collectors.joining());
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                // keep ending the others
                System.err.println("cannot stop " + started.get(i).name() + ": " + e);
            }
        }
        started.clear();
    }
}
