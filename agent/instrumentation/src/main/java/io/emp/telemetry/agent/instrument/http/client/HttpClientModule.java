package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outgoing {@code java.net.http.HttpClient} calls ({@code EMP_INSTRUMENTATION_HTTP_CLIENT_ENABLED}).
 * {@code HttpClientImpl} is the JDK's only implementation (the public {@code HttpClient} handed
 * out is a facade over it). Its public {@code send(request, handler)} and the three-argument
 * {@code sendAsync} are the entry points; the two-argument {@code sendAsync} calls the latter and
 * both reach the private four-argument one, which is not instrumented, so a call is seen once.
 */
public final class HttpClientModule extends InstrumentationModule {
    public static final String NAME = "http-client";
    static final String CLIENT_IMPL = "jdk.internal.net.http.HttpClientImpl";

    public HttpClientModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<TypeDescription> jdkTypes() {
        return named(CLIENT_IMPL);
    }

    /**
     * False on purpose: {@code java.net.http} is loaded on first use, after {@code premain}, so no
     * retransformation scan of every loaded class is needed at start (an agent attached at run
     * time retransforms anyway).
     */
    @Override
    public boolean instrumentsJdkTypes() {
        return false;
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register("http-client:send", new ClientRequestHandler(runtime));
        LazyAdvice advice = CallSites.lazyAdvice(HttpClientSendAdvice.class, site);
        return Collections.singletonList(new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return named(CLIENT_IMPL);
            }

            @Override
            public void transform(TypeTransformer transformer) {
                transformer.applyAdvice(isPublic().and(named("send").and(takesArguments(2))
                        .or(named("sendAsync").and(takesArguments(3)))), advice);
            }
        });
    }
}
