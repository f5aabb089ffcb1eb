package io.emp.telemetry.agent;

import io.emp.telemetry.agent.boot.BootstrapBridge;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.log.AgentLog;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The javaagent entry point ({@code Premain-Class} and {@code Agent-Class}). Returns quickly:
 * Redis is connected to in the background. {@code EMP_ENABLED=false} makes it do nothing at all.
 * Whatever goes wrong here is logged and swallowed: the application always starts.
 * <p>
 * This class must not touch the bridge ({@code io.emp.telemetry.bootstrap}) before
 * {@link BootstrapBridge#install} has put it in the boot loader.
 */
public final class EmpAgent {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private EmpAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        try {
            StartupPhases phases = new StartupPhases();
            Settings settings = Settings.fromEnvironment(args);
            AgentConfig config = AgentConfig.from(settings);
            if (!config.enabled()) return;
            if (!STARTED.compareAndSet(false, true)) {
                Log.warn("agent", "already attached; ignoring the second attach");
                return;
            }
            AgentLog.configure(settings);
            phases.done("config");
            String bridge = BootstrapBridge.install(inst, EmpAgent.class.getClassLoader());
            phases.done("bridge (" + bridge + ")");
            AgentInstaller.install(config, inst, attached, phases);
        } catch (Throwable t) {
            Log.error("agent", "failed to start; the application runs without telemetry", t);
        }
    }
}
