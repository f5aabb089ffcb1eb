package io.emp.telemetry.collector.config;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves each {@link Setting} from defaults ← config file ← system properties ← environment,
 * remembering where each value came from so that a bad value is reported with its source.
 * {@code otel.*} keys from the same layers are collected for the OpenTelemetry SDK.
 */
final class ConfigLayers {
    private final Path file;
    private final Map<String, String> fileValues;
    private final Map<String, String> sysProps;
    private final Map<String, String> env;

    ConfigLayers(Path file, Map<String, String> sysProps, Map<String, String> env) {
        this.file = file;
        this.fileValues = file == null ? Map.of() : ConfigFile.read(file);
        this.sysProps = sysProps;
        this.env = env;
        rejectUnknownFileKeys();
    }

    /** The JVM's system properties as a map (the layer between the file and the environment). */
    static Map<String, String> systemProperties() {
        Map<String, String> sys = new java.util.HashMap<>();
        java.util.Properties p = System.getProperties();
        for (String name : p.stringPropertyNames()) sys.put(name, p.getProperty(name));
        return sys;
    }

    private void rejectUnknownFileKeys() {
        Set<String> known = EnumSet.allOf(Setting.class).stream().map(Setting::key).collect(Collectors.toSet());
        for (String key : fileValues.keySet()) {
            if (!known.contains(key) && !key.startsWith("otel.")) {
                throw new ConfigException(file + ": unknown key '" + key + "' (see docs/collector.md for the keys)");
            }
        }
    }

    String value(Setting s) {
        String v = env.get(s.envName());
        if (v == null) v = sysProps.get(s.systemProperty());
        if (v == null) v = fileValues.get(s.key());
        return v == null ? s.defaultValue() : v.trim();
    }

    String source(Setting s) {
        if (env.get(s.envName()) != null) return "environment variable " + s.envName();
        if (sysProps.get(s.systemProperty()) != null) return "system property -D" + s.systemProperty();
        if (fileValues.get(s.key()) != null) return file + ": key " + s.key();
        return "default of " + s.key();
    }

    /** {@code otel.*} properties in the SDK's own naming ({@code OTEL_EXPORTER_OTLP_ENDPOINT} → {@code otel.exporter.otlp.endpoint}). */
    Map<String, String> otelProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        fileValues.forEach((k, v) -> {
            if (k.startsWith("otel.")) out.put(k, v);
        });
        sysProps.forEach((k, v) -> {
            if (k.startsWith("otel.")) out.put(k, v);
        });
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_")) out.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
        });
        // An empty variable (compose's ${VAR:-}) means "not set", as in the SDK.
        out.values().removeIf(v -> v == null || v.isBlank());
        return out;
    }
}
