package io.emp.telemetry.agent.machine.gpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The one nvidia-smi query the agent runs and the parser of its answer:
 * {@code --query-gpu=<FIELDS> --format=csv,noheader,nounits} prints one line per GPU, values separated
 * by {@code ", "}. Values the driver cannot give are {@code [N/A]} / {@code [Not Supported]} /
 * {@code [Unknown Error]}; a unit suffix ({@code MiB}, {@code %}, {@code W}) is tolerated in case a
 * wrapper drops {@code nounits}. Anything else (a warning, "NVIDIA-SMI has failed …", "No devices were
 * found") is not a GPU line: an output without a single GPU line is a failure naming its first line.
 */
public final class NvidiaSmiCsv {
    /** In this order; the parser reads columns by position. */
    public static final List<String> FIELDS = List.of("index", "name", "uuid", "driver_version", "memory.total",
            "memory.used", "utilization.gpu", "temperature.gpu", "power.draw");
    public static final List<String> ARGUMENTS = List.of("--query-gpu=" + String.join(",", FIELDS),
            "--format=csv,noheader,nounits");

    private NvidiaSmiCsv() {
    }

    /** The GPUs in {@code output}, in the order printed. */
    public static List<GpuReading> parse(String output) throws GpuProbeException {
        List<GpuReading> gpus = new ArrayList<>();
        String firstOther = null;
        for (String raw : output.split("\r?\n")) {
            String line = raw.trim();
            if (line.isEmpty()) continue;
            GpuReading gpu = parseLine(line);
            if (gpu != null) gpus.add(gpu);
            else if (firstOther == null) firstOther = line;
        }
        if (gpus.isEmpty()) {
            throw new GpuProbeException(firstOther == null ? "nvidia-smi printed nothing" : "nvidia-smi: " + firstOther);
        }
        return Collections.unmodifiableList(gpus);
    }

    private static GpuReading parseLine(String line) {
        String[] v = line.split(",", -1);
        if (v.length != FIELDS.size()) return null;
        for (int i = 0; i < v.length; i++) v[i] = v[i].trim();
        if (!v[0].matches("\\d+")) return null;
        return new GpuReading(v[0], text(v[1]), text(v[2]), text(v[3]), whole(v[4]), whole(v[5]),
                decimal(v[6]), decimal(v[7]), decimal(v[8]));
    }

    private static String text(String v) {
        return unavailable(v) ? null : v;
    }

    private static Double decimal(String v) {
        if (unavailable(v)) return null;
        String n = withoutUnit(v);
        try {
            return Double.valueOf(n);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long whole(String v) {
        Double d = decimal(v);
        return d == null ? null : Math.round(d);
    }

    private static String withoutUnit(String v) {
        int space = v.indexOf(' ');
        return space > 0 ? v.substring(0, space) : v;
    }

    static boolean unavailable(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        return s.isEmpty() || s.startsWith("[") || s.equals("n/a");
    }
}
