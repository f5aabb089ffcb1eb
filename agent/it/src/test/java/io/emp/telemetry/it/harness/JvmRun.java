package io.emp.telemetry.it.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a test application in a real JVM (optionally with {@code -javaagent}) and collects its output. */
public final class JvmRun {
    private final Path java;
    private final List<String> classpath = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private boolean agent = true;
    private long timeoutSeconds = 90;

    private JvmRun(Path java) {
        this.java = java;
        classpath.add(testClasses().toString());
        // a busy build machine may connect late: let the exit flush wait rather than drop events
        env.put("EMP_SHUTDOWN_TIMEOUT", "15s");
    }

    public static JvmRun on(Jdks.Jdk jdk) {
        return new JvmRun(jdk.java);
    }

    public static Path agentJar() {
        return Paths.get(System.getProperty("it.agent.jar", "../target/emp-telemetry-agent.jar")).toAbsolutePath();
    }

    public static Path testClasses() {
        return jarOf(JvmRun.class);
    }

    /** The jar (or directory) {@code type} was loaded from. */
    public static Path jarOf(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    public JvmRun classpath(Path entry) {
        classpath.add(entry.toString());
        return this;
    }

    public JvmRun withoutAgent() {
        agent = false;
        return this;
    }

    public JvmRun jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    /** How long the application may run (90 s unless told; one that loads a client library needs more on a busy machine). */
    public JvmRun timeoutSeconds(long seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    public JvmRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        if (agent) cmd.add("-javaagent:" + agentJar());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classpath));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("it-stdout", ".txt");
        Path err = Files.createTempFile("it-stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // a clean slate: no EMP_* settings leak in from the environment running the build
        pb.environment().keySet().removeIf(k -> k.startsWith("EMP_") || k.startsWith("OTEL_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("test application timed out: " + cmd + "\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Exit code and output of one run. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
