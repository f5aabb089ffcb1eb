package io.emp.telemetry.agent.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about the machine and the JVM, read once at start, with OpenTelemetry semantic-convention
 * names. Read without JMX ({@code ManagementFactory} would initialise the JDK's logging manager
 * before the application configures it) and without DNS (a host lookup could block the start).
 */
final class HostFacts {
    private HostFacts() {
    }

    static Map<String, Object> read() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("host.name", hostName());
        facts.put("host.arch", System.getProperty("os.arch"));
        facts.put("os.type", System.getProperty("os.name"));
        facts.put("process.pid", ProcessHandle.current().pid());
        facts.put("process.runtime.name", System.getProperty("java.runtime.name"));
        facts.put("process.runtime.version", System.getProperty("java.runtime.version"));
        facts.put("system.cpu.logical_count", Runtime.getRuntime().availableProcessors());
        facts.put("jvm.memory.max_bytes", Runtime.getRuntime().maxMemory());
        long total = totalMemoryBytes();
        if (total > 0) facts.put("system.memory.total_bytes", total);
        return facts;
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isEmpty()) return env;
        String fromProc = firstLine(Paths.get("/proc/sys/kernel/hostname"));
        return fromProc != null ? fromProc : "unknown-host";
    }

    /** MemTotal of /proc/meminfo (Linux); 0 where that file does not exist. */
    private static long totalMemoryBytes() {
        try {
            List<String> lines = Files.readAllLines(Paths.get("/proc/meminfo"), StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith("MemTotal:")) {
                    String kb = line.substring("MemTotal:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not readable: the fact is left out
        }
        return 0;
    }

    private static String firstLine(Path path) {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
            return lines.isEmpty() || lines.get(0).isBlank() ? null : lines.get(0).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
