package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 5 classic calls ({@code EMP_INSTRUMENTATION_APACHE_HTTPCLIENT_ENABLED}).
 * The clients the library builds ({@code HttpClients.custom().build()}, {@code createDefault},
 * {@code createMinimal}, the caching and fluent front ends) are {@code InternalHttpClient} or
 * {@code MinimalHttpClient}; both implement {@code CloseableHttpClient#doExecute}, the one method
 * all {@code execute} overloads end in (since 5.0). Only loaders that can see the library are
 * considered, so an application without it pays nothing.
 */
public final class ApacheHttpClientModule extends InstrumentationModule {
    public static final String NAME = "apache-httpclient";
    static final String CLOSEABLE_CLIENT = "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";
    static final String INTERNAL_CLIENT = "org.apache.hc.client5.http.impl.classic.InternalHttpClient";
    static final String MINIMAL_CLIENT = "org.apache.hc.client5.http.impl.classic.MinimalHttpClient";

    public ApacheHttpClientModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ClassLoaders.canSee(CLOSEABLE_CLIENT);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register("apache-httpclient:execute", new ApacheRequestHandler(runtime));
        return Collections.singletonList(TypeInstrumentation.of(namedOneOf(INTERNAL_CLIENT, MINIMAL_CLIENT),
                named("doExecute").and(takesArguments(3)), CallSites.advice(ApacheClassicExecuteAdvice.class, site)));
    }
}
