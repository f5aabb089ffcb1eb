package io.emp.telemetry.agent.machine;

import io.emp.telemetry.agent.config.MachineConfig;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.agent.machine.gpu.RecordedNvidiaSmi;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineLifecycleTest {
    @TempDir
    Path dir;

    /** What the lifecycle hands the emitter. */
    static final class Recorded implements EventSink {
        final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();
        final List<Map.Entry<String, Map<String, ?>>> published = new CopyOnWriteArrayList<>();

        @Override
        public void emit(TelemetryEvent event) {
            events.add(event);
        }

        @Override
        public void publish(String channel, Map<String, ?> data) {
            published.add(Map.entry(channel, data));
        }

        List<String> types() {
            return events.stream().map(TelemetryEvent::eventType).collect(Collectors.toList());
        }

        TelemetryEvent await(String type) throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (TelemetryEvent e : events) if (e.eventType().equals(type)) return e;
                Thread.sleep(20);
            }
            throw new AssertionError("no " + type + " in " + types());
        }
    }

    @Test
    void startHardwareReadyAndShutdownWithTheRecordedGpu() throws Exception {
        Path smi = RecordedNvidiaSmi.install(dir, "l40s-load.csv");
        Recorded sink = new Recorded();
        MachineLifecycle machine = new MachineLifecycle(sink, "svc", "m-7",
                MachineConfig.from(Settings.of(Map.of("machine.gpu.command", smi.toString()))), dir.resolve("no-proc"));
        machine.start();
        assertEquals("machine.starting", sink.events.get(0).eventType(), "starting is emitted on the calling thread");
        TelemetryEvent hw = sink.await("machine.hardware_detected");
        assertEquals(1, ((Number) hw.data().get("hw.gpu.count")).intValue());
        assertEquals("NVIDIA L40S", hw.data().get("gpu.0.hw.model"));
        assertEquals(46068L * 1024 * 1024, ((Number) hw.data().get("hw.gpu.memory.limit")).longValue());
        assertEquals("595.80", hw.data().get("hw.driver_version"));
        assertTrue(hw.data().containsKey("system.cpu.logical_count"));
        assertFalse(sink.types().contains("machine.ready"), "not before the service is ready");

        machine.serviceReady();
        machine.serviceReady();
        machine.shuttingDown();
        assertEquals(List.of("machine.starting", "machine.hardware_detected", "machine.ready", "machine.shutting_down"), sink.types());
        for (TelemetryEvent e : sink.events) {
            assertEquals("m-7", e.machineId());
            assertEquals(sink.events.get(0).traceId(), e.traceId(), "one trace per JVM");
        }
        assertTrue(sink.published.isEmpty(), "no sampler unless configured");
    }

    @Test
    void samplerPublishesOnTheMachinesGpuChannel() throws Exception {
        Path smi = RecordedNvidiaSmi.install(dir, "h100-mig-load.csv");
        Recorded sink = new Recorded();
        MachineLifecycle machine = new MachineLifecycle(sink, "svc", "gpu-box", MachineConfig.from(Settings.of(Map.of(
                "machine.gpu.command", smi.toString(), "machine.gpu.sample.interval", "1s"))), dir.resolve("no-proc"));
        machine.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (sink.published.size() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
        machine.shuttingDown();
        assertTrue(sink.published.size() >= 2, "two samples a second apart: " + sink.published);
        Map.Entry<String, Map<String, ?>> first = sink.published.get(0);
        assertEquals("machine:gpu-box:gpu", first.getKey());
        assertEquals("gpu-box", first.getValue().get("machineId"));
        assertEquals(433.78, first.getValue().get("gpu.0.hw.power"));
        assertFalse(first.getValue().containsKey("gpu.0.hw.gpu.utilization"));
        int after = sink.published.size();
        Thread.sleep(1500);
        assertEquals(after, sink.published.size(), "the sampler stops at shutdown");
    }

    @Test
    void aFailingNvidiaSmiFallsBackToTheDriversProcFilesAndSaysWhy() throws Exception {
        Path smi = RecordedNvidiaSmi.install(dir, "driver-not-loaded.txt");
        Recorded sink = new Recorded();
        Path proc = Paths.get(MachineLifecycleTest.class.getResource("/proc-driver-nvidia").toURI());
        MachineLifecycle machine = new MachineLifecycle(sink, "svc", "m-1",
                MachineConfig.from(Settings.of(Map.of("machine.gpu.command", smi.toString()))), proc);
        machine.start();
        TelemetryEvent hw = sink.await("machine.hardware_detected");
        machine.shuttingDown();
        assertEquals("Tesla K80", hw.data().get("gpu.0.hw.model"));
        assertEquals(proc.toString(), hw.data().get("gpu.source"));
        assertTrue(String.valueOf(hw.data().get("gpu.error")).contains("exited with 9"), hw.data().toString());
    }

    @Test
    void noNvidiaToolingMeansNoGpuFactsAndNoSpawn() throws Exception {
        Recorded sink = new Recorded();
        MachineLifecycle machine = new MachineLifecycle(sink, "svc", "m-1", MachineConfig.from(Settings.of(Map.of(
                "machine.gpu.command", dir.resolve("absent").toString(), "machine.gpu.sample.interval", "1s"))),
                dir.resolve("no-proc"));
        machine.start();
        TelemetryEvent hw = sink.await("machine.hardware_detected");
        machine.shuttingDown();
        assertFalse(hw.data().keySet().stream().anyMatch(k -> k.startsWith("hw.gpu") || k.startsWith("gpu.")), hw.data().toString());
        assertTrue(sink.published.isEmpty());
    }

    @Test
    void eventsCanBeSwitchedOff() throws Exception {
        Recorded sink = new Recorded();
        MachineLifecycle machine = new MachineLifecycle(sink, "svc", "m-1", MachineConfig.from(Settings.of(Map.of(
                "machine.events.enabled", "false"))), dir.resolve("no-proc"));
        machine.start();
        machine.serviceReady();
        Thread.sleep(500);
        machine.shuttingDown();
        assertTrue(sink.events.isEmpty(), sink.types().toString());
    }
}
