package io.emp.telemetry.agent;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.config.InstrumentationTuning;
import io.emp.telemetry.agent.config.MachineConfig;
import io.emp.telemetry.agent.config.MachineId;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.agent.emit.RedisEventEmitter;
import io.emp.telemetry.agent.instrument.AgentBridgeHandler;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.Instrumentations;
import io.emp.telemetry.agent.instrument.Instrumenter;
import io.emp.telemetry.agent.instrument.facade.FacadeDispatcher;
import io.emp.telemetry.agent.lifecycle.ServiceLifecycle;
import io.emp.telemetry.agent.machine.MachineLifecycle;
import io.emp.telemetry.agent.rules.RuleLoader;
import io.emp.telemetry.agent.rules.RuleProblem;
import io.emp.telemetry.agent.rules.RuleSet;
import io.emp.telemetry.agent.rules.compile.ParsedFile;
import io.emp.telemetry.bootstrap.Bridge;
import io.emp.telemetry.schema.Redaction;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the agent once the bridge is on the bootstrap class path: emitter (connects in the
 * background), rules, instrumentation modules, ByteBuddy, and finally the bridge handler.
 */
final class AgentInstaller {
    private AgentInstaller() {
    }

    static void install(AgentConfig config, Instrumentation inst, boolean attached, StartupPhases phases) {
        long start = System.nanoTime();
        RuleReading ruleFiles = RuleReading.start(AgentInstaller.class.getClassLoader(), config.rulePaths());
        ByteBuddySetup.configure();
        phases.done("bytebuddy properties");
        EmitterConfig emitterConfig = EmitterConfig.from(config.settings());
        RedisEventEmitter emitter = new RedisEventEmitter(emitterConfig);
        String service = emitterConfig.serviceName();
        ServiceLifecycle lifecycle = new ServiceLifecycle(emitter, service, emitterConfig.machineId());
        // The sink chain, for emit and publish alike: AgentRuntime (builds and places every event)
        // → the lifecycle's readiness watch → the emitter's queue (whose writer gives every event
        // that names no machine the process's machineId).
        EventSink sink = lifecycle;
        AgentRuntime runtime = new AgentRuntime(service, sink);
        MachineLifecycle machine = new MachineLifecycle(emitter, service, emitterConfig.machineId(),
                MachineConfig.from(config.settings()));
        machine.start();
        lifecycle.starting();
        lifecycle.whenReady(machine::serviceReady);
        addShutdownHook(lifecycle, machine, emitter);
        phases.done("emitter");

        // EMP_REDACT_KEYS / -Demp.redact.keys are read by Redaction itself; this adds the agent option
        Redaction.addSharedKeys(config.settings().get("redact.keys"));
        Instrumenter instrumenter = Instrumenter.prepare(inst,
                InstrumentationTuning.from(config.settings()).typeCacheSize());
        phases.done("bytebuddy agent builder");
        List<ParsedFile> parsed = ruleFiles.await();
        phases.done("waiting for rule files");
        RuleSet rules = RuleLoader.compile(parsed);
        for (RuleProblem problem : rules.problems()) {
            Log.warn("rules", problem.toString());
        }
        phases.done("rules compiled");

        List<InstrumentationModule> modules = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (InstrumentationModule module : Instrumentations.all(rules.rules(), lifecycle)) {
            if (config.instrumentationEnabled(module.name(), module.enabledByDefault())) {
                modules.add(module);
                names.add(module.name());
            }
        }
        phases.done("modules");
        boolean facade = names.contains(Instrumentations.FACADE);
        Bridge.install(new AgentBridgeHandler(runtime.callSites(),
                facade ? new FacadeDispatcher(runtime) : null));
        phases.done("bridge handler");
        instrumenter.install(modules, runtime, attached);
        phases.done("bytebuddy install");
        Log.info("agent", "started in " + (System.nanoTime() - start) / 1_000_000 + " ms for service "
                + service + ": " + rules.rules().size()
                + " rule(s), instrumentations " + names + ", machine " + emitterConfig.machineId() + " (from "
                + MachineId.describe(config.settings()) + "), events to " + emitterConfig.redisUrlForLog());
        Log.debug("agent", "start-up phases: " + phases);
    }

    /**
     * One hook for all, in order: {@code service.shutting_down} and {@code machine.shutting_down} must be
     * queued before the emitter flushes (separate hooks would run concurrently and could drop them).
     */
    private static void addShutdownHook(ServiceLifecycle lifecycle, MachineLifecycle machine, RedisEventEmitter emitter) {
        Thread hook = new Thread(() -> {
            lifecycle.shuttingDown();
            machine.shuttingDown();
            emitter.close();
        }, "emp-telemetry-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down.
        }
    }
}
