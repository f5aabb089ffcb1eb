package io.emp.telemetry.agent.instrument.lifecycle;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteAdvice;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.lifecycle.ServiceLifecycle;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code service.ready} when the service first listens on a server socket (Jetty, Tomcat, Netty,
 * the JDK's HTTP server all end in one of these two {@code bind} methods): the moment it can take
 * requests. Switch: {@code instrumentation.lifecycle.enabled}.
 */
public final class ListeningSocketModule extends InstrumentationModule {
    static final String CHANNEL = "sun.nio.ch.ServerSocketChannelImpl";
    static final String SOCKET = "java.net.ServerSocket";
    private final ServiceLifecycle lifecycle;

    public ListeningSocketModule(ServiceLifecycle lifecycle) {
        super("lifecycle", true);
        this.lifecycle = lifecycle;
    }

    @Override
    public ElementMatcher<TypeDescription> jdkTypes() {
        return namedOneOf(CHANNEL, SOCKET);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register("lifecycle:listen", new ListenHandler(lifecycle));
        LazyAdvice advice = CallSites.lazyAdvice(CallSiteAdvice.class, site);
        return Collections.singletonList(TypeInstrumentation.of(namedOneOf(CHANNEL, SOCKET),
                named("bind").and(takesArguments(2)), advice));
    }
}
