package io.emp.telemetry.agent.machine.gpu;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nvidia-smi} with {@link NvidiaSmiCsv#ARGUMENTS} — a process spawn, so only ever on the
 * agent's machine thread, never on an application thread — and waits at most {@code timeout} (a wedged
 * driver can hang nvidia-smi for minutes; it is then killed). The command is configurable
 * ({@code machine.gpu.command}), so tests run a script that prints a recorded output.
 */
public final class NvidiaSmi {
    public static final String DEFAULT_COMMAND = "nvidia-smi";
    /** More than any real answer (a line per GPU); a runaway output is cut rather than buffered without bound. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final String executable;
    private final Duration timeout;

    private NvidiaSmi(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * {@code command} as an executable file: a path as given, or a bare name looked up on {@code PATH};
     * {@code null} when there is none (no NVIDIA tooling here: nothing is spawned at all).
     */
    public static NvidiaSmi find(String command, Duration timeout) {
        String exe = resolve(command, System.getenv("PATH"));
        return exe == null ? null : new NvidiaSmi(exe, timeout);
    }

    static String resolve(String command, String path) {
        if (command == null || command.isBlank()) return null;
        if (command.indexOf(File.separatorChar) >= 0) {
            File f = new File(command);
            return f.isFile() && f.canExecute() ? f.getAbsolutePath() : null;
        }
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            File f = new File(dir, command);
            if (f.isFile() && f.canExecute()) return f.getAbsolutePath();
        }
        return null;
    }

    public String executable() {
        return executable;
    }

    /** The GPUs nvidia-smi reports now. */
    public List<GpuReading> query() throws GpuProbeException {
        return NvidiaSmiCsv.parse(run());
    }

    String run() throws GpuProbeException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(NvidiaSmiCsv.ARGUMENTS);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException | RuntimeException e) {
            throw new GpuProbeException("cannot run " + executable + ": " + e.getMessage());
        }
        try {
            // One answer is a few hundred bytes, far below a pipe's buffer: waiting first cannot dead-lock.
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new GpuProbeException(executable + " did not answer within " + timeout.toMillis() + " ms; killed");
            }
            String out = read(p.getInputStream());
            if (p.exitValue() != 0) {
                String first = out.trim().isEmpty() ? "" : ": " + out.trim().split("\r?\n")[0];
                throw new GpuProbeException(executable + " exited with " + p.exitValue() + first);
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GpuProbeException("interrupted while waiting for " + executable);
        } catch (IOException e) {
            throw new GpuProbeException("cannot read the output of " + executable + ": " + e.getMessage());
        } finally {
            if (p.isAlive()) p.destroyForcibly();
            closeQuietly(p);
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while (out.size() < MAX_OUTPUT_BYTES && (n = in.read(buf, 0, Math.min(buf.length, MAX_OUTPUT_BYTES - out.size()))) > 0) {
            out.write(buf, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private static void closeQuietly(Process p) {
        try {
            p.getInputStream().close();
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing left to read
        }
    }
}
