package io.emp.telemetry.agent.machine.gpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GPU facts and statistics as flat attributes (event data and Pub/Sub payloads carry no nesting),
 * named by the OpenTelemetry hardware conventions for GPUs ({@code hw.*}, {@code hw.gpu.*}): the
 * machine-wide ones as they are ({@code hw.gpu.count}, {@code hw.driver_version},
 * {@code hw.gpu.memory.limit}), the per-GPU ones behind {@code gpu.<n>.} where {@code n} is the GPU's
 * position in nvidia-smi's answer ({@code gpu.0.hw.model}, {@code gpu.0.hw.gpu.utilization}); strip
 * the prefix and the name is the convention's. Units as the conventions have them: bytes, a 0–1
 * utilisation ratio, degrees Celsius, watts. An unknown value is left out, never sent as 0.
 */
public final class GpuAttributes {
    public static final String COUNT = "hw.gpu.count";
    public static final String VENDOR = "hw.vendor";
    public static final String DRIVER_VERSION = "hw.driver_version";
    public static final String MEMORY_LIMIT = "hw.gpu.memory.limit";
    /** Where the facts came from: {@code nvidia-smi} or {@code /proc/driver/nvidia}. */
    public static final String SOURCE = "gpu.source";
    /** Why nvidia-smi gave no answer, when it is there but failed (timed out, driver not loaded …). */
    public static final String ERROR = "gpu.error";
    public static final String ID = "hw.id";
    public static final String MODEL = "hw.model";
    public static final String UTILIZATION = "hw.gpu.utilization";
    public static final String MEMORY_USAGE = "hw.gpu.memory.usage";
    public static final String TEMPERATURE = "hw.temperature";
    public static final String POWER = "hw.power";
    static final long MIB = 1024L * 1024;

    private GpuAttributes() {
    }

    /** {@code gpu.<n>.<name>}. */
    public static String perGpu(int n, String name) {
        return "gpu." + n + "." + name;
    }

    /** What {@code machine.hardware_detected} says about the GPUs: count, driver, models, memory sizes. */
    public static Map<String, Object> facts(List<GpuReading> gpus, String source) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(COUNT, gpus.size());
        if (gpus.isEmpty()) return a;
        a.put(VENDOR, "NVIDIA");
        a.put(SOURCE, source);
        String driver = null;
        long memory = 0;
        boolean memoryKnown = true;
        for (int n = 0; n < gpus.size(); n++) {
            GpuReading g = gpus.get(n);
            if (driver == null) driver = g.driverVersion;
            putIfKnown(a, perGpu(n, ID), g.uuid);
            putIfKnown(a, perGpu(n, MODEL), g.name);
            if (g.memoryTotalMib != null) {
                a.put(perGpu(n, MEMORY_LIMIT), g.memoryTotalMib * MIB);
                memory += g.memoryTotalMib * MIB;
            } else {
                memoryKnown = false;
            }
        }
        putIfKnown(a, DRIVER_VERSION, driver);
        if (memoryKnown) a.put(MEMORY_LIMIT, memory);
        return a;
    }

    /** One {@code machine:{id}:gpu} message: per GPU its utilisation, memory used and total, temperature, power. */
    public static Map<String, Object> sample(List<GpuReading> gpus) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(COUNT, gpus.size());
        for (int n = 0; n < gpus.size(); n++) {
            GpuReading g = gpus.get(n);
            putIfKnown(a, perGpu(n, ID), g.uuid);
            putIfKnown(a, perGpu(n, MODEL), g.name);
            if (g.utilizationPercent != null) a.put(perGpu(n, UTILIZATION), g.utilizationPercent / 100.0);
            if (g.memoryUsedMib != null) a.put(perGpu(n, MEMORY_USAGE), g.memoryUsedMib * MIB);
            if (g.memoryTotalMib != null) a.put(perGpu(n, MEMORY_LIMIT), g.memoryTotalMib * MIB);
            putIfKnown(a, perGpu(n, TEMPERATURE), g.temperatureCelsius);
            putIfKnown(a, perGpu(n, POWER), g.powerWatts);
        }
        return a;
    }

    private static void putIfKnown(Map<String, Object> a, String key, Object value) {
        if (value != null) a.put(key, value);
    }
}
