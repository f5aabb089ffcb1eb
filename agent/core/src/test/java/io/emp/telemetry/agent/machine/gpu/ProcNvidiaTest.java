package io.emp.telemetry.agent.machine.gpu;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver's /proc files, as recorded on a real machine (test resources proc-driver-nvidia/). */
class ProcNvidiaTest {
    @Test
    void readsModelUuidAndDriverVersion() throws Exception {
        Path root = Paths.get(ProcNvidiaTest.class.getResource("/proc-driver-nvidia").toURI());
        assertTrue(ProcNvidia.present(root));
        List<GpuReading> gpus = ProcNvidia.read(root);
        assertEquals(1, gpus.size());
        assertEquals("Tesla K80", gpus.get(0).name());
        assertEquals("GPU-c6398fd0-9366-8e15-5d6a-369da852f85b", gpus.get(0).uuid());
        assertEquals("319.32", gpus.get(0).driverVersion());
        assertNull(gpus.get(0).memoryTotalMib(), "the driver's /proc says nothing about memory");
    }

    @Test
    void absentWhereThereIsNoDriver() {
        assertFalse(ProcNvidia.present(Paths.get("/nonexistent/driver/nvidia")));
        assertTrue(ProcNvidia.read(Paths.get("/nonexistent/driver/nvidia")).isEmpty());
    }
}
