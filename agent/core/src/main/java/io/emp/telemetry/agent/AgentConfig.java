package io.emp.telemetry.agent;

import io.emp.telemetry.agent.config.Settings;

import io.emp.telemetry.agent.rules.RuleLoader;

import java.nio.file.Path;
import java.util.List;

/**
 * The agent's own typed configuration, read once at start from {@link Settings} (environment
 * {@code EMP_*}, system properties {@code emp.*}, agent options). The emitter reads its own keys
 * (Redis, streams, queue, service name, log level and file) itself.
 */
public final class AgentConfig {
    private final Settings settings;
    private final boolean enabled;
    private final List<Path> rulePaths;

    private AgentConfig(Settings settings) {
        this.settings = settings;
        this.enabled = enabled(settings);
        this.rulePaths = RuleLoader.paths(settings.get("rules"));
    }

    /**
     * {@code EMP_ENABLED} when given (an explicit EMP key wins); else the OpenTelemetry switch
     * {@code OTEL_SDK_DISABLED=true} / {@code -Dotel.sdk.disabled=true} turns the agent off the same way.
     */
    private static boolean enabled(Settings settings) {
        if (settings.isSet("enabled")) return !"false".equalsIgnoreCase(settings.get("enabled").trim());
        String otelDisabled = settings.otel("OTEL_SDK_DISABLED");
        return otelDisabled == null || !"true".equalsIgnoreCase(otelDisabled.trim());
    }

    public static AgentConfig from(Settings settings) {
        return new AgentConfig(settings);
    }

    public Settings settings() {
        return settings;
    }

    /** {@code EMP_ENABLED=false} (or {@code OTEL_SDK_DISABLED=true}): the agent does nothing at all. */
    public boolean enabled() {
        return enabled;
    }

    /** User rule files, {@code EMP_RULES} / {@code -Demp.rules}, comma-separated. */
    public List<Path> rulePaths() {
        return rulePaths;
    }

    /** {@code instrumentation.<name>.enabled}; unset means the instrumentation's own default. */
    public boolean instrumentationEnabled(String name, boolean byDefault) {
        String v = settings.get("instrumentation." + name + ".enabled");
        if (v == null) return byDefault;
        return !"false".equalsIgnoreCase(v.trim());
    }
}
