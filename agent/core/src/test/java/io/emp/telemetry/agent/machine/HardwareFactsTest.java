package io.emp.telemetry.agent.machine;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The facts of the machine running this test, checked against what its /proc and file system say. */
class HardwareFactsTest {
    @Test
    void cpuMemoryDiskAndOsOfThisMachine() throws Exception {
        assumeTrue(Files.isReadable(HardwareFacts.CPUINFO), "Linux /proc/cpuinfo");
        List<String> cpuinfo = Files.readAllLines(HardwareFacts.CPUINFO);
        Map<String, Object> facts = HardwareFacts.read();

        long processors = cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        assertEquals((int) processors, facts.get("system.cpu.logical_count"));
        String modelName = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(null);
        if (modelName != null) assertEquals(modelName, facts.get("host.cpu.model.name"));
        assertTrue(((Number) facts.get("system.memory.total_bytes")).longValue() > 64L * 1024 * 1024);

        File cwd = new File(System.getProperty("user.dir"));
        assertEquals(cwd.getAbsolutePath(), facts.get("system.filesystem.path"));
        assertEquals(cwd.getTotalSpace(), facts.get("system.filesystem.total_bytes"));
        long free = ((Number) facts.get("system.filesystem.free_bytes")).longValue();
        assertTrue(free > 0 && free <= cwd.getTotalSpace(), "free " + free);
        assertEquals("linux", facts.get("os.type"));
        assertEquals(System.getProperty("os.version"), facts.get("os.version"));
    }

    @Test
    void cpuinfoOfTheFirstProcessorAndTheCount() {
        // the shape of an x86 /proc/cpuinfo: one block per logical CPU
        List<String> lines = List.of("processor\t: 0", "vendor_id\t: GenuineIntel", "cpu family\t: 6", "model\t\t: 85",
                "model name\t: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", "", "processor\t: 1",
                "vendor_id\t: GenuineIntel", "model name\t: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz");
        Map<String, Object> cpu = io.emp.telemetry.agent.config.HostFacts.cpu(lines);
        assertEquals(2, cpu.get("system.cpu.logical_count"));
        assertEquals("GenuineIntel", cpu.get("host.cpu.vendor.id"));
        assertEquals("6", cpu.get("host.cpu.family"));
        assertEquals("85", cpu.get("host.cpu.model.id"));
        assertEquals("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", cpu.get("host.cpu.model.name"));
        assertEquals(List.of("system.cpu.logical_count", "host.cpu.vendor.id", "host.cpu.family", "host.cpu.model.id",
                "host.cpu.model.name").stream().sorted().collect(Collectors.toList()),
                cpu.keySet().stream().sorted().collect(Collectors.toList()));
    }
}
