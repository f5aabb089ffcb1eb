package io.emp.telemetry.agent.machine.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the NVIDIA kernel driver tells without nvidia-smi (a container with the driver's {@code /proc}
 * but no tools): {@code /proc/driver/nvidia/version} (driver version) and one
 * {@code gpus/<bus>/information} per GPU ({@code Model:}, {@code GPU UUID:}). No memory size: that
 * needs nvidia-smi. Plain file reads; still only on the machine thread.
 */
public final class ProcNvidia {
    public static final Path DEFAULT_ROOT = Paths.get("/proc/driver/nvidia");
    private static final Pattern DRIVER_VERSION = Pattern.compile("Kernel Module(?:\\s+for\\s+\\S+)?\\s+([0-9][0-9.]*)");

    private ProcNvidia() {
    }

    public static boolean present(Path root) {
        return Files.isDirectory(root);
    }

    /** The GPUs listed under {@code root}; empty when there is none or nothing is readable. */
    public static List<GpuReading> read(Path root) {
        List<GpuReading> out = new ArrayList<>();
        String driver = driverVersion(root.resolve("version"));
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> gpus = Files.newDirectoryStream(root.resolve("gpus"))) {
            for (Path p : gpus) dirs.add(p);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        dirs.sort(null);
        for (Path dir : dirs) {
            String model = null;
            String uuid = null;
            for (String line : lines(dir.resolve("information"))) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("Model")) model = value;
                else if (key.equals("GPU UUID")) uuid = value;
            }
            out.add(new GpuReading(String.valueOf(out.size()), model, uuid, driver, null, null, null, null, null));
        }
        return out;
    }

    static String driverVersion(Path versionFile) {
        for (String line : lines(versionFile)) {
            Matcher m = DRIVER_VERSION.matcher(line);
            if (line.startsWith("NVRM version") && m.find()) return m.group(1);
        }
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
