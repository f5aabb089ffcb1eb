package io.emp.telemetry.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Facts about the machine and the JVM, read at start, with OpenTelemetry semantic-convention names:
 * the one place that gathers them, for the process's resource ({@link ProcessResource}) and the
 * {@code service.starting} event. Read without JMX ({@code ManagementFactory} would initialise the
 * JDK's logging manager before the application configures it) and without DNS (a host lookup could
 * block the start).
 */
public final class HostFacts {
    private HostFacts() {
    }

    /** Host, OS and process facts: the resource attributes that describe where the service runs. */
    public static Map<String, Object> resource() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("host.name", hostName());
        facts.put("host.arch", hostArch(System.getProperty("os.arch")));
        facts.put("os.type", osType(System.getProperty("os.name")));
        facts.put("os.description", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("process.pid", ProcessHandle.current().pid());
        facts.put("process.runtime.name", System.getProperty("java.runtime.name"));
        facts.put("process.runtime.version", System.getProperty("java.runtime.version"));
        String executable = executable();
        if (executable != null) facts.put("process.executable.path", executable);
        else putIfPresent(facts, "process.command", ServiceName.fromCommand(System.getProperty("sun.java.command")));
        return facts;
    }

    /** {@link #resource()} plus sizes (cores, memory), as the {@code service.starting} event carries them. */
    public static Map<String, Object> read() {
        Map<String, Object> facts = resource();
        facts.put("system.cpu.logical_count", Runtime.getRuntime().availableProcessors());
        facts.put("jvm.memory.max_bytes", Runtime.getRuntime().maxMemory());
        long total = totalMemoryBytes();
        if (total > 0) facts.put("system.memory.total_bytes", total);
        return facts;
    }

    /** {@code host.id} as the conventions define it on Linux: {@code /etc/machine-id}; {@code null} elsewhere. */
    public static String hostId() {
        return firstLine(Paths.get("/etc/machine-id"));
    }

    /**
     * {@code host.cpu.vendor.id}, {@code host.cpu.family}, {@code host.cpu.model.id}, {@code host.cpu.model.name}
     * of the first processor in {@code /proc/cpuinfo} (only its first block is read: the file grows with
     * the number of CPUs); empty where there is no such file.
     */
    public static Map<String, Object> cpu() {
        List<String> firstBlock = new java.util.ArrayList<>();
        try (java.io.BufferedReader r = Files.newBufferedReader(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null && !line.isBlank()) firstBlock.add(line);
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not readable: the facts are left out
        }
        Map<String, Object> facts = cpu(firstBlock);
        facts.remove("system.cpu.logical_count");
        return facts;
    }

    /**
     * {@code /proc/cpuinfo} lines: the first processor's vendor, family, model and model name, and
     * {@code system.cpu.logical_count}, the number of {@code processor} entries (the machine's logical
     * CPUs, where {@code availableProcessors} gives the container's share).
     */
    public static Map<String, Object> cpu(List<String> cpuinfo) {
        Map<String, Object> a = new LinkedHashMap<>();
        int processors = 0;
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("processor")) processors++;
            if (processors > 1 || value.isEmpty()) continue;
            switch (key) {
                case "model name": a.putIfAbsent("host.cpu.model.name", value); break;
                case "vendor_id": a.putIfAbsent("host.cpu.vendor.id", value); break;
                case "cpu family": a.putIfAbsent("host.cpu.family", value); break;
                case "model": a.putIfAbsent("host.cpu.model.id", value); break;
                default: break;
            }
        }
        if (processors > 0) a.put("system.cpu.logical_count", processors);
        return a;
    }

    public static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isEmpty()) return env;
        String fromProc = firstLine(Paths.get("/proc/sys/kernel/hostname"));
        return fromProc != null ? fromProc : "unknown-host";
    }

    /** Semantic-convention {@code os.type}: {@code linux}, {@code windows}, {@code darwin}, … */
    public static String osType(String osName) {
        String n = String.valueOf(osName).toLowerCase(Locale.ROOT);
        if (n.startsWith("windows")) return "windows";
        if (n.startsWith("mac")) return "darwin";
        if (n.contains("bsd")) return n.replace(" ", "");
        if (n.startsWith("sunos") || n.startsWith("solaris")) return "solaris";
        return n.split(" ")[0];
    }

    /** Semantic-convention {@code host.arch}: {@code amd64}, {@code arm64}, … */
    public static String hostArch(String osArch) {
        String a = String.valueOf(osArch).toLowerCase(Locale.ROOT);
        if (a.equals("x86_64")) return "amd64";
        if (a.equals("aarch64")) return "arm64";
        return a;
    }

    private static String executable() {
        try {
            return ProcessHandle.current().info().command().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, Object> facts, String key, String value) {
        if (value != null && !value.isEmpty()) facts.put(key, value);
    }

    /** MemTotal of /proc/meminfo (Linux); 0 where that file does not exist. */
    public static long totalMemoryBytes() {
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
