package io.emp.telemetry.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service main class in a forked JVM on the test class path, with its stdout captured line by line. */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ServiceProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static ServiceProcess start(String mainClass, Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, mainClass).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new ServiceProcess(builder.start());
    }

    /** Waits for a stdout line matching {@code regex}; returns its match. */
    public Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                Matcher m = pattern.matcher(line);
                if (m.matches()) return m;
            }
            if (!process.isAlive()) {
                reader.join(5_000); // the last lines
                for (String line : lines) {
                    Matcher m = pattern.matcher(line);
                    if (m.matches()) return m;
                }
                throw new AssertionError("process exited (" + process.exitValue() + ") without printing /" + regex + "/:\n" + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line /" + regex + "/ within " + timeout + ":\n" + output());
    }

    /** SIGTERM, then waits for the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no exit within " + timeout + " of SIGTERM:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + ":\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    public String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) lines.add(line);
        } catch (IOException ignored) {
            // the process is gone
        }
    }
}
