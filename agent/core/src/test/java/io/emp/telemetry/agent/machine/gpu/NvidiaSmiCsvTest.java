package io.emp.telemetry.agent.machine.gpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing recorded nvidia-smi answers (test resources nvidia-smi/, see its README). */
class NvidiaSmiCsvTest {
    @Test
    void oneGpuUnderLoad() throws Exception {
        List<GpuReading> gpus = NvidiaSmiCsv.parse(RecordedNvidiaSmi.text("l40s-load.csv"));
        assertEquals(1, gpus.size());
        GpuReading g = gpus.get(0);
        assertEquals("0", g.index());
        assertEquals("NVIDIA L40S", g.name());
        assertEquals("GPU-00000000-0000-0000-0000-000000000000", g.uuid());
        assertEquals("595.80", g.driverVersion());
        assertEquals(46068L, g.memoryTotalMib());
        assertEquals(1235L, g.memoryUsedMib());
        assertEquals(9.0, g.utilizationPercent());
        assertEquals(54.0, g.temperatureCelsius());
        assertEquals(110.23, g.powerWatts());
    }

    @Test
    void notAvailableIsUnknownNotZero() throws Exception {
        // MIG mode: the whole GPU's utilisation is [N/A]; the rest is there
        GpuReading g = NvidiaSmiCsv.parse(RecordedNvidiaSmi.text("h100-mig-load.csv")).get(0);
        assertEquals("NVIDIA H100 80GB HBM3", g.name());
        assertNull(g.utilizationPercent());
        assertEquals(81559L, g.memoryTotalMib());
        assertEquals(11125L, g.memoryUsedMib());
        assertEquals(433.78, g.powerWatts());
    }

    @Test
    void idleConsumerGpu() throws Exception {
        GpuReading g = NvidiaSmiCsv.parse(RecordedNvidiaSmi.text("rtx2080super-idle.csv")).get(0);
        assertEquals("NVIDIA GeForce RTX 2080 SUPER", g.name());
        assertEquals(0.0, g.utilizationPercent());
        assertEquals(8192L, g.memoryTotalMib());
        assertEquals("595.71.05", g.driverVersion());
    }

    @Test
    void oneLinePerGpu() throws Exception {
        String two = RecordedNvidiaSmi.text("h200-load.csv") + RecordedNvidiaSmi.text("l40s-load.csv");
        List<GpuReading> gpus = NvidiaSmiCsv.parse(two);
        assertEquals(2, gpus.size());
        assertEquals("NVIDIA H200", gpus.get(0).name());
        assertEquals(143771L, gpus.get(0).memoryTotalMib());
        assertEquals(100.0, gpus.get(0).utilizationPercent());
        assertEquals("NVIDIA L40S", gpus.get(1).name());
    }

    @Test
    void driverNotLoadedIsAFailureNamingTheMessage() {
        GpuProbeException e = assertThrows(GpuProbeException.class,
                () -> NvidiaSmiCsv.parse(RecordedNvidiaSmi.text("driver-not-loaded.txt")));
        assertTrue(e.getMessage().contains("couldn't communicate with the NVIDIA driver"), e.getMessage());
    }

    @Test
    void nothingPrintedIsAFailure() {
        assertEquals("nvidia-smi printed nothing",
                assertThrows(GpuProbeException.class, () -> NvidiaSmiCsv.parse("\n")).getMessage());
    }

    @Test
    void warningLinesAroundGpuLinesAreSkipped() throws Exception {
        String out = "WARNING: infoROM is corrupted at gpu 0000:83:00.0\n" + RecordedNvidiaSmi.text("h200-load.csv");
        assertEquals(1, NvidiaSmiCsv.parse(out).size());
    }
}
