package io.emp.telemetry.agent.instrument.http.server;

import io.emp.telemetry.agent.rules.match.SuperTypes;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Incoming HTTP requests ({@code EMP_INSTRUMENTATION_HTTP_SERVER_ENABLED}): every implementation of
 * {@code jakarta.servlet.Servlet} and {@code javax.servlet.Servlet} (Jetty, Tomcat, Undertow,
 * Spring's DispatcherServlet...) and, for the JDK's {@code com.sun.net.httpserver}, its filter
 * chain (which also reaches lambda handlers) and every application {@code HttpHandler} class
 * (for other implementations of that API).
 * One {@code http.server.request} per request ({@code health_check.performed} instead on health paths),
 * {@code api.request_rejected} on a 4xx, {@code api.error} on an exception or a 5xx.
 */
public final class HttpServerModule extends InstrumentationModule {
    public static final String NAME = "http-server";
    static final String JDK_FILTER_CHAIN = "com.sun.net.httpserver.Filter$Chain";

    private final Settings settings;

    public HttpServerModule() {
        this(Settings.fromEnvironment(null));
    }

    /** With explicit settings (tests; or the framework once it passes its own). */
    public HttpServerModule(Settings settings) {
        super(NAME, true);
        this.settings = settings;
    }

    /**
     * {@code javax.*} counts as JDK to the framework; the servlet API is not, it ships with
     * containers. The JDK server's filter chain is. Neither is loaded before {@code premain}, so
     * {@link #instrumentsJdkTypes()} stays false (no retransformation scan at start).
     */
    @Override
    public ElementMatcher<TypeDescription> jdkTypes() {
        return nameStartsWith("javax.servlet.").or(named(JDK_FILTER_CHAIN));
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register("http-server:request", new ServerRequestHandler(runtime, HealthPaths.from(settings)));
        return Arrays.asList(
                servlet("jakarta.servlet", CallSites.lazyAdvice(JakartaServletAdvice.class, site)),
                servlet("javax.servlet", CallSites.lazyAdvice(JavaxServletAdvice.class, site)),
                TypeInstrumentation.of(named(JDK_FILTER_CHAIN), named("doFilter").and(takesArguments(1)),
                        CallSites.lazyAdvice(JdkExchangeAdvice.class, site)),
                TypeInstrumentation.of(implementing("com.sun.net.httpserver.HttpHandler"),
                        named("handle").and(takesArguments(1))
                                .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))),
                        CallSites.lazyAdvice(JdkExchangeAdvice.class, site)));
    }

    private static TypeInstrumentation servlet(String api, LazyAdvice advice) {
        return TypeInstrumentation.of(implementing(api + ".Servlet"),
                named("service").and(isPublic()).and(takesArguments(2))
                        .and(takesArgument(0, named(api + ".ServletRequest")))
                        .and(takesArgument(1, named(api + ".ServletResponse"))),
                advice);
    }

    private static ElementMatcher<TypeDescription> implementing(String type) {
        return SuperTypes.classNamed(type);
    }
}
