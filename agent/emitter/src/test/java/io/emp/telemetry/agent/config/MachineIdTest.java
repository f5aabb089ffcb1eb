package io.emp.telemetry.agent.config;

import io.emp.telemetry.agent.log.AgentLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineIdTest {
    @AfterEach
    void restore() {
        AgentLog.setSink(null);
    }

    @Test
    void empMachineIdThenMachineIdThenTheHostName() {
        assertEquals("m-emp", MachineId.resolve(Settings.of(Map.of("EMP_MACHINE_ID", "m-emp", "MACHINE_ID", "m-plain"), Map.of(), null)));
        assertEquals("m-prop", MachineId.resolve(Settings.of(Map.of("MACHINE_ID", "m-plain"), Map.of("emp.machine.id", "m-prop"), null)));
        assertEquals("m-opt", MachineId.resolve(Settings.of(Map.of("MACHINE_ID", "m-plain"), Map.of(), "machine.id=m-opt")));
        assertEquals("m-plain", MachineId.resolve(Settings.of(Map.of("MACHINE_ID", "m-plain"), Map.of(), null)));
        assertEquals(HostFacts.hostName(), MachineId.resolve(Settings.of(Map.of(), Map.of(), null)));
        assertEquals(HostFacts.hostName(), MachineId.resolve(Settings.of(Map.of("MACHINE_ID", " "), Map.of(), null)));
        assertEquals("MACHINE_ID", MachineId.describe(Settings.of(Map.of("MACHINE_ID", "m-plain"), Map.of(), null)));
        assertEquals("EMP_MACHINE_ID", MachineId.describe(Settings.of(Map.of("EMP_MACHINE_ID", "m"), Map.of(), null)));
    }

    @Test
    void theEmitterConfigCarriesIt() {
        assertEquals("m-9", EmitterConfig.from(Settings.of(Map.of("MACHINE_ID", "m-9"), Map.of(), null)).machineId());
    }

    @Test
    void machineSettingsDefaultsAndBadValues() {
        List<String> log = new ArrayList<>();
        AgentLog.setSink(log::add);
        MachineConfig d = MachineConfig.from(Settings.of(Map.of()));
        assertTrue(d.eventsEnabled());
        assertEquals("nvidia-smi", d.gpuCommand());
        assertEquals(Duration.ofSeconds(5), d.gpuTimeout());
        assertEquals(Duration.ZERO, d.gpuSampleInterval(), "the sampler is off by default");
        MachineConfig c = MachineConfig.from(Settings.of(Map.of("machine.gpu.sample.interval", "200ms",
                "machine.events.enabled", "false", "machine.gpu.command", "/opt/bin/nvidia-smi")));
        assertEquals(Duration.ofSeconds(1), c.gpuSampleInterval());
        assertFalse(c.eventsEnabled());
        assertEquals("/opt/bin/nvidia-smi", c.gpuCommand());
        assertTrue(log.stream().anyMatch(l -> l.contains("machine.gpu.sample.interval")), log.toString());
    }
}
