package io.emp.telemetry.agent.config;

import java.time.Duration;

/**
 * The machine events and the GPU sampler, read once from {@link Settings}; bad values are logged and
 * replaced by their defaults. Keys: {@code machine.events.enabled} ({@code true}),
 * {@code machine.gpu.command} ({@code nvidia-smi}), {@code machine.gpu.timeout} ({@code 5s}),
 * {@code machine.gpu.sample.interval} ({@code 0} = no sampler; else at least {@code 1s}). The machine's
 * id is {@link MachineId}. Documented in {@code docs/configuration.md}.
 */
public final class MachineConfig {
    static final Duration MIN_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final boolean eventsEnabled;
    private final String gpuCommand;
    private final Duration gpuTimeout;
    private final Duration gpuSampleInterval;

    private MachineConfig(Settings settings) {
        ConfigReader r = new ConfigReader(settings);
        String enabled = settings.get("machine.events.enabled");
        this.eventsEnabled = enabled == null || !"false".equalsIgnoreCase(enabled.trim());
        this.gpuCommand = r.string("machine.gpu.command", "nvidia-smi").trim();
        this.gpuTimeout = r.duration("machine.gpu.timeout", Duration.ofMillis(100), Duration.ofSeconds(5));
        Duration interval = r.duration("machine.gpu.sample.interval", Duration.ZERO, Duration.ZERO);
        if (!interval.isZero() && interval.compareTo(MIN_SAMPLE_INTERVAL) < 0) {
            interval = r.invalid("machine.gpu.sample.interval", Durations.format(interval),
                    "0 (off) or at least " + Durations.format(MIN_SAMPLE_INTERVAL) + " (every sample runs nvidia-smi)",
                    MIN_SAMPLE_INTERVAL);
        }
        this.gpuSampleInterval = interval;
    }

    public static MachineConfig from(Settings settings) {
        return new MachineConfig(settings);
    }

    /** {@code machine.starting}, {@code machine.hardware_detected}, {@code machine.ready}, {@code machine.shutting_down}. */
    public boolean eventsEnabled() { return eventsEnabled; }
    /** The nvidia-smi to run: a path, or a name looked up on {@code PATH}. */
    public String gpuCommand() { return gpuCommand; }
    /** How long one nvidia-smi run may take before it is killed. */
    public Duration gpuTimeout() { return gpuTimeout; }
    /** {@link Duration#ZERO}: no sampler. */
    public Duration gpuSampleInterval() { return gpuSampleInterval; }
}
