package io.emp.telemetry.agent.machine.gpu;

/**
 * One GPU as nvidia-smi reported it in one run. A value the driver does not give ({@code [N/A]},
 * {@code [Not Supported]}, e.g. utilisation of a GPU in MIG mode) is {@code null}, never 0: a
 * dashboard must not show an idle GPU where the truth is "unknown".
 */
public final class GpuReading {
    final String index;
    final String name;
    final String uuid;
    final String driverVersion;
    final Long memoryTotalMib;
    final Long memoryUsedMib;
    final Double utilizationPercent;
    final Double temperatureCelsius;
    final Double powerWatts;

    GpuReading(String index, String name, String uuid, String driverVersion, Long memoryTotalMib,
               Long memoryUsedMib, Double utilizationPercent, Double temperatureCelsius, Double powerWatts) {
        this.index = index;
        this.name = name;
        this.uuid = uuid;
        this.driverVersion = driverVersion;
        this.memoryTotalMib = memoryTotalMib;
        this.memoryUsedMib = memoryUsedMib;
        this.utilizationPercent = utilizationPercent;
        this.temperatureCelsius = temperatureCelsius;
        this.powerWatts = powerWatts;
    }

    public String index() { return index; }
    public String name() { return name; }
    public String uuid() { return uuid; }
    public String driverVersion() { return driverVersion; }
    public Long memoryTotalMib() { return memoryTotalMib; }
    public Long memoryUsedMib() { return memoryUsedMib; }
    public Double utilizationPercent() { return utilizationPercent; }
    public Double temperatureCelsius() { return temperatureCelsius; }
    public Double powerWatts() { return powerWatts; }

    @Override
    public String toString() {
        return "GPU " + index + " " + name + " (" + memoryTotalMib + " MiB, driver " + driverVersion + ")";
    }
}
