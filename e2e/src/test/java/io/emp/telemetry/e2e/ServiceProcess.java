package io.emp.telemetry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running JVM of the system under test. Its stdout and stderr go to {@code <name>.out} and
 * {@code <name>.err} in the test's log directory, so they survive the run and can be quoted in
 * assertion messages ({@link #logs()}).
 */
final class ServiceProcess implements AutoCloseable {
    /** Settings of the machine running the build must not leak into the services under test. */
    private static final Set<String> INHERITED_SETTINGS = Set.of("REDIS_URL", "API_HOST", "API_PORT", "WORKER_ID",
            "MACHINE_ID", "WORKER_CAPABILITIES", "MAX_JOBS", "JOB_TIMEOUT_MS", "POLL_INTERVAL_MS", "LLM_URL",
            "AI_STANDIN_HOST", "AI_STANDIN_PORT");

    /** Ended if the test JVM itself is stopped (Ctrl-C, a surefire timeout) before {@code @AfterAll} ran. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "e2e-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServiceProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ServiceProcess start(Launch launch, Path logsDir) {
        try {
            Files.createDirectories(logsDir);
            Path out = logsDir.resolve(launch.name() + ".out");
            Path err = logsDir.resolve(launch.name() + ".err");
            List<String> command = new ArrayList<>();
            command.add(Artifacts.java().toString());
            command.addAll(launch.arguments());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(key ->
                    key.startsWith("EMP_") || key.startsWith("OTEL_") || INHERITED_SETTINGS.contains(key));
            builder.environment().putAll(launch.environment());
            Process process = builder.start();
            LIVE.add(process);
            return new ServiceProcess(launch.name(), process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for a line of stdout matching {@code pattern} and returns its match; fails with the
     * process's output when the process exits first or the time runs out.
     */
    Matcher awaitStdoutLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : stdout().split("\n")) {
                Matcher m = pattern.matcher(line);
                if (m.find()) return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before printing a line matching /"
                        + pattern + "/" + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " printed no line matching /" + pattern + "/ within " + timeout + logs());
            }
            sleep(50);
        }
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + logs());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
    }

    /**
     * Stops the process as an operator would: SIGTERM (its shutdown hooks run), then SIGKILL when
     * it is still alive after {@code grace}. Returns the exit code.
     */
    int stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (process.isAlive()) return -1;
        LIVE.remove(process);
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) stop(Duration.ofSeconds(10));
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Both outputs, with their file names, for assertion messages. */
    String logs() {
        return "\n--- " + name + " stdout (" + stdout + ")\n" + tail(stdout()) + "\n--- " + name + " stderr (" + stderr
                + ")\n" + tail(stderr());
    }

    private static String tail(String text) {
        int max = 20_000;
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
