package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.rules.match.SuperTypes;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 5 calls ({@code EMP_INSTRUMENTATION_APACHE_HTTPCLIENT_ENABLED}).
 * <p>
 * Classic: the clients the library builds ({@code HttpClients.custom().build()},
 * {@code createDefault}, {@code createMinimal}, the caching and fluent front ends) are
 * {@code InternalHttpClient} or {@code MinimalHttpClient}; both implement
 * {@code CloseableHttpClient#doExecute}, the one method all {@code execute} overloads end in.
 * <p>
 * Async: {@code HttpAsyncClients.createDefault()}/{@code custom().build()} (HTTP/1.1 and HTTP/2)
 * extend {@code InternalAbstractHttpAsyncClient}, whose {@code doExecute} every {@code execute}
 * reaches; the request is read where it enters the exec chain ({@code AsyncExecChainElement}) and
 * the result where the client's own exchange callback gets it (see {@link ApacheAsyncRequestHandler}).
 * These names and signatures are the same from 5.0 to 5.6. The minimal async clients have no exec
 * chain and are not instrumented.
 * <p>
 * Only loaders that can see the library are considered, so an application without it pays nothing.
 */
public final class ApacheHttpClientModule extends InstrumentationModule {
    public static final String NAME = "apache-httpclient";
    static final String CLOSEABLE_CLIENT = "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";
    static final String INTERNAL_CLIENT = "org.apache.hc.client5.http.impl.classic.InternalHttpClient";
    static final String MINIMAL_CLIENT = "org.apache.hc.client5.http.impl.classic.MinimalHttpClient";
    static final String INTERNAL_ASYNC_CLIENT = "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient";
    static final String ASYNC_CHAIN_ELEMENT = "org.apache.hc.client5.http.impl.async.AsyncExecChainElement";
    static final String ASYNC_EXEC_CALLBACK = "org.apache.hc.client5.http.async.AsyncExecCallback";

    public ApacheHttpClientModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ClassLoaders.canSee(CLOSEABLE_CLIENT);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int classic = runtime.callSites().register("apache-httpclient:execute", new ApacheRequestHandler(runtime));
        int async = runtime.callSites().register("apache-httpclient:async", new ApacheAsyncRequestHandler(runtime));
        LazyAdvice response = CallSites.lazyAdvice(ApacheAsyncCallbackAdvice.Response.class, async);
        LazyAdvice completed = CallSites.lazyAdvice(ApacheAsyncCallbackAdvice.Completed.class, async);
        LazyAdvice failed = CallSites.lazyAdvice(ApacheAsyncCallbackAdvice.Failed.class, async);
        return Arrays.asList(
                TypeInstrumentation.of(namedOneOf(INTERNAL_CLIENT, MINIMAL_CLIENT),
                        named("doExecute").and(takesArguments(3)), CallSites.lazyAdvice(ApacheClassicExecuteAdvice.class, classic)),
                TypeInstrumentation.of(named(INTERNAL_ASYNC_CLIENT),
                        named("doExecute").and(takesArguments(6)), CallSites.lazyAdvice(ApacheAsyncExecuteAdvice.class, async)),
                TypeInstrumentation.of(named(ASYNC_CHAIN_ELEMENT),
                        named("execute").and(takesArguments(4)), CallSites.lazyAdvice(ApacheAsyncChainAdvice.class, async)),
                new TypeInstrumentation() {
                    @Override
                    public ElementMatcher<TypeDescription> typeMatcher() {
                        return nameStartsWith(INTERNAL_ASYNC_CLIENT + "$").and(SuperTypes.named(ASYNC_EXEC_CALLBACK));
                    }

                    @Override
                    public void transform(TypeTransformer transformer) {
                        transformer.applyAdvice(named("handleResponse").and(takesArguments(2)),
                                response);
                        transformer.applyAdvice(named("completed").and(takesArguments(0)),
                                completed);
                        transformer.applyAdvice(named("failed").and(takesArguments(1)),
                                failed);
                    }
                });
    }
}
