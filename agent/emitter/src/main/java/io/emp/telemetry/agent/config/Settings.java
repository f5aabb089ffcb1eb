package io.emp.telemetry.agent.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw configuration lookup, one place for the naming rule every key follows: a dotted key
 * {@code redis.url} is read from the environment variable {@code EMP_REDIS_URL}, the system
 * property {@code emp.redis.url}, or agent options ({@code -javaagent:agent.jar=redis.url=...}),
 * in this order of precedence: environment, then system property, then agent options, then the
 * default. Typed, validated views ({@code EmitterConfig}, {@code AgentConfig}) are built on top.
 */
public final class Settings {
    private final Map<String, String> env;
    private final Map<String, String> sysProps;
    private final Map<String, String> agentOptions;

    private Settings(Map<String, String> env, Map<String, String> sysProps, Map<String, String> agentOptions) {
        this.env = env;
        this.sysProps = sysProps;
        this.agentOptions = agentOptions;
    }

    /** The process environment and system properties, plus agent options (may be null). */
    public static Settings fromEnvironment(String agentArgs) {
        Map<String, String> props = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("emp.") || name.startsWith("otel.")) props.put(name, System.getProperty(name));
        }
        return new Settings(System.getenv(), props, parseAgentArgs(agentArgs));
    }

    /** For tests and library use: explicit values, keyed by dotted name ({@code redis.url}). */
    public static Settings of(Map<String, String> values) {
        Map<String, String> props = new HashMap<>();
        values.forEach((k, v) -> props.put("emp." + k, v));
        return new Settings(Collections.emptyMap(), props, Collections.emptyMap());
    }

    /**
     * Explicit sources, as the process would give them: environment variables ({@code EMP_REDIS_URL},
     * {@code OTEL_SERVICE_NAME}), system properties ({@code emp.redis.url}, {@code otel.service.name})
     * and agent options; for tests and embedding.
     */
    public static Settings of(Map<String, String> env, Map<String, String> sysProps, String agentArgs) {
        return new Settings(new HashMap<>(env), new HashMap<>(sysProps), parseAgentArgs(agentArgs));
    }

    /** {@code key1=value1,key2=value2} after {@code -javaagent:jar=}. Keys may be given with or without {@code emp.}. */
    static Map<String, String> parseAgentArgs(String args) {
        if (args == null || args.isBlank()) return Collections.emptyMap();
        Map<String, String> out = new HashMap<>();
        for (String part : args.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            String key = part.substring(0, eq).trim();
            if (key.startsWith("emp.")) key = key.substring(4);
            out.put(key, part.substring(eq + 1).trim());
        }
        return out;
    }

    /** Environment variable name of a dotted key: {@code redis.url} → {@code EMP_REDIS_URL}. */
    public static String envName(String key) {
        return "EMP_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of {@code key}, or {@code null}. */
    public String get(String key) {
        String v = env.get(envName(key));
        if (v == null) v = sysProps.get("emp." + key);
        if (v == null) v = agentOptions.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }

    /**
     * An OpenTelemetry variable, e.g. {@code OTEL_SERVICE_NAME} / {@code otel.service.name}. As in the
     * OpenTelemetry SDK, the system property wins over the environment variable.
     */
    public String otel(String envName) {
        String v = sysProps.get(otelProperty(envName));
        if (v == null || v.isEmpty()) v = env.get(envName);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Where an OpenTelemetry variable's value came from: {@code -Dotel.service.name} or {@code OTEL_SERVICE_NAME}. */
    public String describeOtel(String envName) {
        String p = sysProps.get(otelProperty(envName));
        return p != null && !p.isEmpty() ? "-D" + otelProperty(envName) : envName;
    }

    /**
     * A plain environment variable outside the {@code EMP_} namespace (such as {@code MACHINE_ID}), for
     * the few settings that fall back to what the application's own deployment already sets.
     */
    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Whether {@code key} was given at all (environment, system property or agent option). */
    public boolean isSet(String key) {
        return get(key) != null;
    }

    private static String otelProperty(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Where a key's value came from, for error messages: {@code EMP_REDIS_URL} or {@code -Demp.redis.url}. */
    public String describe(String key) {
        if (env.get(envName(key)) != null) return envName(key);
        if (sysProps.get("emp." + key) != null) return "-Demp." + key;
        if (agentOptions.get(key) != null) return "agent option " + key;
        return "default of " + key;
    }
}
