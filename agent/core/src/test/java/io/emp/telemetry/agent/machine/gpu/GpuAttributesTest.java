package io.emp.telemetry.agent.machine.gpu;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class GpuAttributesTest {
    private static final long MIB = 1024L * 1024;

    @Test
    void factsNameCountModelsMemoryAndDriver() throws Exception {
        List<GpuReading> gpus = NvidiaSmiCsv.parse(RecordedNvidiaSmi.text("h200-load.csv") + RecordedNvidiaSmi.text("l40s-load.csv"));
        Map<String, Object> f = GpuAttributes.facts(gpus, "nvidia-smi");
        assertEquals(2, f.get("hw.gpu.count"));
        assertEquals("NVIDIA", f.get("hw.vendor"));
        assertEquals("590.48.01", f.get("hw.driver_version"));
        assertEquals("NVIDIA H200", f.get("gpu.0.hw.model"));
        assertEquals("NVIDIA L40S", f.get("gpu.1.hw.model"));
        assertEquals(143771 * MIB, f.get("gpu.0.hw.gpu.memory.limit"));
        assertEquals((143771 + 46068) * MIB, f.get("hw.gpu.memory.limit"));
        assertEquals("nvidia-smi", f.get("gpu.source"));
    }

    @Test
    void sampleHasRatioBytesCelsiusWattsAndLeavesUnknownOut() throws Exception {
        Map<String, Object> s = GpuAttributes.sample(NvidiaSmiCsv.parse(RecordedNvidiaSmi.text("h100-mig-load.csv")));
        assertEquals(1, s.get("hw.gpu.count"));
        assertFalse(s.containsKey("gpu.0.hw.gpu.utilization"), "[N/A] is not 0");
        assertEquals(11125 * MIB, s.get("gpu.0.hw.gpu.memory.usage"));
        assertEquals(81559 * MIB, s.get("gpu.0.hw.gpu.memory.limit"));
        assertEquals(53.0, s.get("gpu.0.hw.temperature"));
        assertEquals(433.78, s.get("gpu.0.hw.power"));
        Map<String, Object> l40s = GpuAttributes.sample(NvidiaSmiCsv.parse(RecordedNvidiaSmi.text("l40s-load.csv")));
        assertEquals(0.09, (Double) l40s.get("gpu.0.hw.gpu.utilization"), 1e-9);
    }
}
