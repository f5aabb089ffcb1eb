package io.emp.telemetry.agent.instrument.testing;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.instrument.AgentBridgeHandler;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.Instrumenter;
import io.emp.telemetry.agent.log.AgentLog;
import net.bytebuddy.agent.ByteBuddyAgent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * The agent as {@code premain} wires it, in this test JVM: the bridge jar on the bootstrap class
 * path (so JDK classes can reach it), the framework's {@link AgentBridgeHandler}, and every module
 * registered in this module's {@code META-INF/services} (the way the agent will load them), sending
 * events to a {@link RecordingSink}. Installed once per JVM, before the first test uses it.
 */
public final class InstrumentedJvm {
    private static final String BRIDGE_CLASS = "io/emp/telemetry/bootstrap/Bridge.class";
    private static RecordingSink sink;

    private InstrumentedJvm() {
    }

    public static synchronized RecordingSink events() {
        if (sink == null) sink = install();
        return sink;
    }

    private static RecordingSink install() {
        try {
            AgentLog.configure(Settings.fromEnvironment(null)); // -Demp.log.level=debug shows each class
            Instrumentation inst = ByteBuddyAgent.install();
            // Before anything loads the bridge: otherwise the system class loader would define it
            // and JDK classes (HttpClientImpl) could not see it.
            inst.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar()));
            RecordingSink recording = new RecordingSink();
            AgentRuntime runtime = new AgentRuntime("instrumentation-test", recording);
            List<InstrumentationModule> modules = new ArrayList<>();
            ServiceLoader.load(InstrumentationModule.class).forEach(modules::add);
            if (modules.size() != 3) throw new IllegalStateException("expected 3 registered modules: " + modules);
            // Written against the bootstrap copy: the class literal resolves through the system
            // class loader, which asks the bootstrap loader first.
            io.emp.telemetry.bootstrap.Bridge.install(new AgentBridgeHandler(runtime.callSites(), null));
            if (io.emp.telemetry.bootstrap.Bridge.class.getClassLoader() != null) {
                throw new IllegalStateException("the bridge was loaded before it was put on the bootstrap path");
            }
            // "attached": test classes referencing servlets or clients may have loaded them already
            Instrumenter.install(inst, modules, runtime, true);
            return recording;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bootstrap module's jar, as the test class path has it (the provided dependency). */
    private static File bridgeJar() throws URISyntaxException, IOException {
        URL url = ClassLoader.getSystemClassLoader().getResource(BRIDGE_CLASS);
        if (url == null || !"jar".equals(url.getProtocol())) {
            throw new IllegalStateException("the bridge must come from the emp-telemetry-bootstrap jar, found " + url);
        }
        String spec = url.getFile(); // file:/.../emp-telemetry-bootstrap-x.jar!/io/...
        return new File(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
    }
}
