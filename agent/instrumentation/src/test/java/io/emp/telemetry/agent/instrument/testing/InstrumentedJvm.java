package io.emp.telemetry.agent.instrument.testing;

import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.log.AgentLog;
import net.bytebuddy.agent.ByteBuddyAgent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The agent as {@code premain} sets it up, in this test JVM: first the bridge jar goes on the
 * bootstrap class path (so JDK classes can reach it), then {@link AgentWiring} installs the
 * framework with every registered module. Installed once per JVM, on first use.
 * <p>
 * This class must not name a bridge type: the verifier would load it (into the system class
 * loader) while verifying this class, before the jar is on the bootstrap path.
 */
public final class InstrumentedJvm {
    private static final String BRIDGE_CLASS = "io/emp/telemetry/bootstrap/Bridge.class";
    private static RecordingSink sink;

    private InstrumentedJvm() {
    }

    public static synchronized RecordingSink events() {
        if (sink == null) {
            try {
                AgentLog.configure(Settings.fromEnvironment(null)); // -Demp.log.level=debug lists each class
                Instrumentation inst = ByteBuddyAgent.install();
                inst.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar()));
                sink = AgentWiring.install(inst);
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return sink;
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
