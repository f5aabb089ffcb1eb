package io.emp.telemetry.agent.machine;

import io.emp.telemetry.agent.config.HostFacts;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's CPU, memory, disk and OS for {@code machine.hardware_detected}, with OpenTelemetry
 * names ({@code host.*}, {@code os.*}, {@code host.cpu.*}) where they exist and the names the
 * {@code service.starting} event already uses for sizes ({@code system.cpu.logical_count},
 * {@code system.memory.total_bytes}). Read from {@code /proc}, {@code /etc/machine-id} and the file
 * system of the working directory: the latter can hang on a dead network mount, which is why this
 * runs on the agent's machine thread only. A fact that cannot be read is left out.
 */
final class HardwareFacts {
    static final Path CPUINFO = Paths.get("/proc/cpuinfo");

    private HardwareFacts() {
    }

    static Map<String, Object> read() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("host.name", HostFacts.hostName());
        String hostId = HostFacts.hostId();
        if (hostId != null) a.put("host.id", hostId);
        a.put("host.arch", HostFacts.hostArch(System.getProperty("os.arch")));
        a.put("os.type", HostFacts.osType(System.getProperty("os.name")));
        a.put("os.name", System.getProperty("os.name"));
        a.put("os.version", System.getProperty("os.version"));
        a.put("os.description", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        a.putAll(HostFacts.cpu(lines(CPUINFO)));
        if (!a.containsKey("system.cpu.logical_count")) {
            a.put("system.cpu.logical_count", Runtime.getRuntime().availableProcessors());
        }
        long memory = HostFacts.totalMemoryBytes();
        if (memory > 0) a.put("system.memory.total_bytes", memory);
        a.putAll(disk(new File(System.getProperty("user.dir", "."))));
        return a;
    }

    /** Size and free space of the file system holding {@code dir} (where a job writes its output). */
    static Map<String, Object> disk(File dir) {
        Map<String, Object> a = new LinkedHashMap<>();
        long total = dir.getTotalSpace();
        if (total <= 0) return a;
        a.put("system.filesystem.path", dir.getAbsolutePath());
        a.put("system.filesystem.total_bytes", total);
        a.put("system.filesystem.free_bytes", dir.getUsableSpace());
        return a;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
