package io.emp.telemetry.agent.machine;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.config.HostFacts;
import io.emp.telemetry.agent.config.MachineConfig;
import io.emp.telemetry.agent.context.TraceIds;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.agent.machine.gpu.GpuAttributes;
import io.emp.telemetry.agent.machine.gpu.GpuProbeException;
import io.emp.telemetry.agent.machine.gpu.GpuReading;
import io.emp.telemetry.agent.machine.gpu.GpuSampler;
import io.emp.telemetry.agent.machine.gpu.NvidiaSmi;
import io.emp.telemetry.agent.machine.gpu.ProcNvidia;
import io.emp.telemetry.schema.TelemetryEvent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The machine's life as this JVM sees it, once per JVM: {@code machine.starting} when the agent starts,
 * {@code machine.hardware_detected} (CPU, memory, disk, OS, GPUs) as soon as the machine thread has read
 * them, {@code machine.ready} once the hardware is known and the service first takes work
 * ({@code service.ready}), {@code machine.shutting_down} from the shutdown hook. One trace per JVM.
 * <p>
 * Everything that can block — the file system of the working directory, spawning nvidia-smi (with a
 * timeout) — runs on one daemon thread of the agent ({@code emp-telemetry-machine}), never on the
 * application's main thread in {@code premain}; the same thread runs the optional GPU sampler.
 */
public final class MachineLifecycle {
    public static final String STARTING = "machine.starting";
    public static final String HARDWARE_DETECTED = "machine.hardware_detected";
    public static final String READY = "machine.ready";
    public static final String SHUTTING_DOWN = "machine.shutting_down";
    static final String THREAD = "emp-telemetry-machine";
    static final long DETECTION_GRACE_MILLIS = 2_000;

    private final EventSink sink;
    private final String service;
    private final String machineId;
    private final MachineConfig config;
    private final Path procNvidia;
    private final String traceId = TraceIds.newTraceId();
    private final String rootSpanId = TraceIds.newSpanId();
    private final long startedAt = System.currentTimeMillis();
    private final AtomicBoolean hardwareKnown = new AtomicBoolean();
    private final AtomicBoolean serviceReady = new AtomicBoolean();
    private final AtomicBoolean readySent = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor thread;

    public MachineLifecycle(EventSink sink, String service, String machineId, MachineConfig config) {
        this(sink, service, machineId, config, ProcNvidia.DEFAULT_ROOT);
    }

    MachineLifecycle(EventSink sink, String service, String machineId, MachineConfig config, Path procNvidia) {
        this.sink = sink;
        this.service = service;
        this.machineId = machineId;
        this.config = config;
        this.procNvidia = procNvidia;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** {@code machine.starting} now (cheap), the detection and sampler on the machine thread. */
    public void start() {
        if (config.eventsEnabled()) emit(event(STARTING).attribute("host.name", HostFacts.hostName()));
        thread.execute(this::detect);
    }

    /** {@code service.ready} happened: {@code machine.ready} follows once the hardware is known too. */
    public void serviceReady() {
        serviceReady.set(true);
        readyIfBoth();
    }

    /**
     * Stops the sampler, lets a detection still under way finish (bounded: a JVM that exits at once
     * still reports its hardware, and a hung nvidia-smi delays the exit by at most
     * {@link #DETECTION_GRACE_MILLIS}), then {@code machine.shutting_down}.
     */
    public void shuttingDown() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(Math.min(DETECTION_GRACE_MILLIS, config.gpuTimeout().toMillis() + 500), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (config.eventsEnabled()) {
            emit(event(SHUTTING_DOWN).attribute("uptime_ms", System.currentTimeMillis() - startedAt));
        }
    }

    void detect() {
        try {
            long t0 = System.nanoTime();
            Map<String, Object> facts = new LinkedHashMap<>(HardwareFacts.read());
            NvidiaSmi nvidiaSmi = NvidiaSmi.find(config.gpuCommand(), config.gpuTimeout());
            facts.putAll(gpuFacts(nvidiaSmi));
            facts.put("detection.duration_ms", (System.nanoTime() - t0) / 1_000_000);
            if (config.eventsEnabled()) emit(event(HARDWARE_DETECTED).data(facts));
            hardwareKnown.set(true);
            readyIfBoth();
            startSampler(nvidiaSmi);
        } catch (Throwable t) {
            Log.warn("machine", "hardware detection failed; no machine.hardware_detected", t);
        }
    }

    private Map<String, Object> gpuFacts(NvidiaSmi nvidiaSmi) {
        String error = null;
        if (nvidiaSmi != null) {
            try {
                return GpuAttributes.facts(nvidiaSmi.query(), "nvidia-smi");
            } catch (GpuProbeException e) {
                error = e.getMessage();
                Log.warn("machine", "GPU detection: " + error);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (ProcNvidia.present(procNvidia)) {
            List<GpuReading> gpus = ProcNvidia.read(procNvidia);
            out.putAll(GpuAttributes.facts(gpus, procNvidia.toString()));
        }
        if (error != null) out.put(GpuAttributes.ERROR, error);
        return out;
    }

    private void startSampler(NvidiaSmi nvidiaSmi) {
        long interval = config.gpuSampleInterval().toMillis();
        if (interval <= 0) return;
        if (nvidiaSmi == null) {
            Log.warn("machine", "machine.gpu.sample.interval is set but '" + config.gpuCommand()
                    + "' is not an executable here; no GPU statistics on " + GpuSampler.channel(machineId));
            return;
        }
        thread.scheduleWithFixedDelay(new GpuSampler(nvidiaSmi, sink, machineId), 0, interval, TimeUnit.MILLISECONDS);
        Log.info("machine", "GPU statistics every " + interval + " ms on " + GpuSampler.channel(machineId)
                + " from " + nvidiaSmi.executable());
    }

    private void readyIfBoth() {
        if (!config.eventsEnabled() || !hardwareKnown.get() || !serviceReady.get()) return;
        if (!readySent.compareAndSet(false, true)) return;
        emit(event(READY).attribute("startup.duration_ms", System.currentTimeMillis() - startedAt));
    }

    private void emit(TelemetryEvent.Builder event) {
        sink.emit(event.build());
    }

    private TelemetryEvent.Builder event(String type) {
        return TelemetryEvent.builder(type)
                .timestamp(System.currentTimeMillis())
                .service(service)
                .machineId(machineId)
                .traceId(traceId)
                .spanId(TraceIds.newSpanId())
                .parentSpanId(rootSpanId);
    }
}
