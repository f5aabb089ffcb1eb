package io.emp.telemetry.agent.instrument.spring.webmvc;

import io.emp.telemetry.agent.rules.match.SuperTypes;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.http.server.ServerRouteHandler;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Spring MVC routes ({@code EMP_INSTRUMENTATION_SPRING_WEBMVC_ENABLED}): when the
 * {@code DispatcherServlet} hands a request to its handler, every {@code HandlerAdapter#handle}
 * (Spring 5 on {@code javax.servlet}, Spring 6 and 7 on {@code jakarta.servlet}) names the
 * request the servlet instrumentation is recording: {@code http.route} from the handler mapping's
 * best matching pattern, {@code code.function.name} from the controller method. As the
 * OpenTelemetry agent does, the route is read after the handler lookup, where Spring has set it.
 * Only loaders that see Spring MVC are considered.
 */
public final class SpringWebMvcModule extends InstrumentationModule {
    public static final String NAME = "spring-webmvc";
    static final String HANDLER_ADAPTER = "org.springframework.web.servlet.HandlerAdapter";

    public SpringWebMvcModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ClassLoaders.canSee(HANDLER_ADAPTER);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register(ServerRouteHandler.SITE_KEY, new ServerRouteHandler());
        return Arrays.asList(
                handle("jakarta.servlet", CallSites.lazyAdvice(SpringMvcJakartaAdvice.class, site)),
                handle("javax.servlet", CallSites.lazyAdvice(SpringMvcJavaxAdvice.class, site)));
    }

    private static TypeInstrumentation handle(String servletApi, LazyAdvice advice) {
        return TypeInstrumentation.of(SuperTypes.classNamed(HANDLER_ADAPTER),
                named("handle").and(not(isAbstract())).and(takesArguments(3))
                        .and(takesArgument(0, named(servletApi + ".http.HttpServletRequest")))
                        .and(takesArgument(1, named(servletApi + ".http.HttpServletResponse"))),
                advice);
    }
}
