package io.emp.telemetry.agent.machine.gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spawning a real process that plays back a recorded nvidia-smi answer, and one that never answers. */
class NvidiaSmiTest {
    @TempDir
    Path dir;

    @Test
    void runsTheQueryAndParsesTheAnswer() throws Exception {
        Path exe = RecordedNvidiaSmi.install(dir, "l40s-load.csv");
        NvidiaSmi smi = NvidiaSmi.find(exe.toString(), Duration.ofSeconds(10));
        assertNotNull(smi);
        List<GpuReading> gpus = smi.query();
        assertEquals("NVIDIA L40S", gpus.get(0).name());
    }

    @Test
    void aFailingDriverIsReportedWithItsExitCodeAndMessage() throws Exception {
        Path exe = RecordedNvidiaSmi.install(dir, "driver-not-loaded.txt");
        GpuProbeException e = assertThrows(GpuProbeException.class,
                () -> NvidiaSmi.find(exe.toString(), Duration.ofSeconds(10)).query());
        assertTrue(e.getMessage().contains("exited with 9: NVIDIA-SMI has failed"), e.getMessage());
    }

    @Test
    void aHangingNvidiaSmiIsKilledAtTheTimeout() throws Exception {
        NvidiaSmi smi = NvidiaSmi.find(RecordedNvidiaSmi.hanging(dir).toString(), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        GpuProbeException e = assertThrows(GpuProbeException.class, smi::query);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
        assertTrue(ms < 10_000, "waited " + ms + " ms");
    }

    @Test
    void aBareNameIsLookedUpOnThePath() throws Exception {
        Path exe = RecordedNvidiaSmi.install(dir, "l40s-load.csv");
        assertEquals(exe.toAbsolutePath().toString(), NvidiaSmi.resolve("l40s-load.sh", "/nonexistent:" + dir));
        assertNull(NvidiaSmi.resolve("nvidia-smi", "/nonexistent"));
        assertNull(NvidiaSmi.resolve(dir.resolve("missing").toString(), null));
    }
}
