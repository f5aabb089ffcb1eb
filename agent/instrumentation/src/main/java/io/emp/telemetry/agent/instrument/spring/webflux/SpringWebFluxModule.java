package io.emp.telemetry.agent.instrument.spring.webflux;

import io.emp.telemetry.agent.rules.match.SuperTypes;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.http.server.ServerRouteHandler;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Spring WebFlux routes ({@code EMP_INSTRUMENTATION_SPRING_WEBFLUX_ENABLED}), as far as the request
 * is one the agent records: WebFlux on a servlet container, whose {@code ServletHttpHandlerAdapter}
 * the servlet instrumentation sees, looks its handler up on the servlet's thread, where every
 * {@code org.springframework.web.reactive.HandlerAdapter#handle(ServerWebExchange, Object)} names
 * the request (route from the best matching pattern, handler method). On Reactor Netty the agent
 * records no server request at all, and {@code ServerRouteHandler} is not active there.
 */
public final class SpringWebFluxModule extends InstrumentationModule {
    public static final String NAME = "spring-webflux";
    static final String HANDLER_ADAPTER = "org.springframework.web.reactive.HandlerAdapter";

    public SpringWebFluxModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ClassLoaders.canSee(HANDLER_ADAPTER);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register(ServerRouteHandler.SITE_KEY, new ServerRouteHandler());
        return Collections.singletonList(TypeInstrumentation.of(
                SuperTypes.classNamed(HANDLER_ADAPTER),
                named("handle").and(not(isAbstract())).and(takesArguments(2))
                        .and(takesArgument(0, named("org.springframework.web.server.ServerWebExchange"))),
                CallSites.lazyAdvice(SpringWebFluxAdvice.class, site)));
    }
}
