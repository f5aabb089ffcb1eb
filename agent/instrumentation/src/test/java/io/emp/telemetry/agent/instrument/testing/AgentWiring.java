package io.emp.telemetry.agent.instrument.testing;

import io.emp.telemetry.agent.instrument.AgentBridgeHandler;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.Instrumenter;
import io.emp.telemetry.bootstrap.Bridge;
import io.emp.telemetry.bootstrap.BridgeHandler;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What the agent's installer does, through the framework's public API: the bridge handler, and
 * every module registered in {@code META-INF/services} (as the agent will load them), events to a
 * {@link RecordingSink}. Loaded only after the bridge jar is on the bootstrap class path.
 */
final class AgentWiring {
    private AgentWiring() {
    }

    static RecordingSink install(Instrumentation inst) {
        if (Bridge.class.getClassLoader() != null || BridgeHandler.class.getClassLoader() != null) {
            throw new IllegalStateException("the bridge was loaded before it was put on the bootstrap class path");
        }
        RecordingSink recording = new RecordingSink();
        AgentRuntime runtime = new AgentRuntime("instrumentation-test", recording);
        List<InstrumentationModule> modules = new ArrayList<>();
        ServiceLoader.load(InstrumentationModule.class).forEach(modules::add);
        if (modules.size() != 4) throw new IllegalStateException("expected 4 registered modules: " + modules);
        Bridge.install(new AgentBridgeHandler(runtime.callSites(), null));
        // "attached": a test class may have loaded a servlet or client class already
        Instrumenter.install(inst, modules, runtime, true);
        return recording;
    }
}
