package io.emp.telemetry.agent.instrument.jaxrs;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.http.server.ServerRouteHandler;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * JAX-RS routes ({@code EMP_INSTRUMENTATION_JAXRS_ENABLED}), whatever the implementation (Jersey,
 * RESTEasy) and server: every resource method (one annotated with {@code @GET}, {@code @POST}…,
 * itself or on the interface or superclass method it implements) names the request the server
 * instrumentation is recording when it is called: {@code http.route} = where the application is
 * mounted + class {@code @Path} + method {@code @Path}, {@code code.function.name} = the resource
 * method. The route is composed from the annotations once, when the class is instrumented
 * ({@link JaxRsRoutes}), and baked into the advice as a constant. {@code jakarta.ws.rs} and
 * {@code javax.ws.rs} alike; only loaders that see either API are considered.
 */
public final class JaxRsModule extends InstrumentationModule {
    public static final String NAME = "jaxrs";

    public JaxRsModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        ElementMatcher<ClassLoader> jakarta = ClassLoaders.canSee("jakarta.ws.rs.Path");
        ElementMatcher<ClassLoader> javax = ClassLoaders.canSee("javax.ws.rs.Path");
        return loader -> jakarta.matches(loader) || javax.matches(loader);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register(ServerRouteHandler.SITE_KEY, new ServerRouteHandler());
        ElementMatcher<MethodDescription> resourceMethods = method -> JaxRsRoutes.routeOf(method) != null;
        return Arrays.asList(TypeInstrumentation.of(
                not(isInterface()).and(hasSuperType(JaxRsRoutes::declaresResourceMethod)),
                resourceMethods,
                CallSites.lazyAdvice(JaxRsResourceAdvice.class, site, JaxRsRoute.class,
                        (type, method) -> JaxRsRoutes.routeOf(method))));
    }
}
