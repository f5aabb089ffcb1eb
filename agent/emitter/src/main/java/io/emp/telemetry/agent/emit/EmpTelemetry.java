package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.log.AgentLog;

/**
 * Entry point for using the emitter as a library (without the javaagent):
 * <pre>{@code
 * RedisEventEmitter emitter = EmpTelemetry.start(Settings.fromEnvironment(null));
 * emitter.emit(event);                 // returns at once
 * }</pre>
 * The emitter flushes on JVM shutdown (bounded by {@code shutdown.timeout}).
 */
public final class EmpTelemetry {
    private EmpTelemetry() {
    }

    /** Reads configuration, starts the emitter (connecting in the background) and registers its shutdown hook. */
    public static RedisEventEmitter start(Settings settings) {
        AgentLog.configure(settings);
        EmitterConfig config = EmitterConfig.from(settings);
        RedisEventEmitter emitter = new RedisEventEmitter(config);
        emitter.registerShutdownHook();
        AgentLog.debug("emitter started: " + config);
        return emitter;
    }

    /** {@link #start(Settings)} with the environment and system properties. */
    public static RedisEventEmitter startFromEnvironment() {
        return start(Settings.fromEnvironment(null));
    }
}
