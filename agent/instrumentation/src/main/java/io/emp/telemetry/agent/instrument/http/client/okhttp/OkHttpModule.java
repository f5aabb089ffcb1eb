package io.emp.telemetry.agent.instrument.http.client.okhttp;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.http.client.LibraryClientCallHandler;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outgoing OkHttp 3, 4 and 5 calls ({@code EMP_INSTRUMENTATION_HTTP_CLIENT_OKHTTP_ENABLED}), without
 * adding an interceptor to the application's clients (their interceptor lists stay as the
 * application built them):
 * <ul>
 *   <li>{@code OkHttpClient.newCall(Request)}, the one public way to make a call in every version,
 *       opens the client span and swaps in a copy of the request with a {@code traceparent}
 *       ({@link OkHttpNewCallAdvice}); the call it returns is bound to the span;</li>
 *   <li>{@code RealCall.getResponseWithInterceptorChain} (package {@code okhttp3} in 3.x,
 *       {@code okhttp3.internal.connection} from 4.0; {@code $okhttp}-suffixed in 4 and 5) runs
 *       once per call, sync ({@code execute}) or async ({@code enqueue}, on the dispatcher's
 *       thread), around all of OkHttp's redirects and retries: its end ends the call
 *       ({@link OkHttpCallEndAdvice}). So one call is one event.</li>
 * </ul>
 * Types are matched by name only, in class loaders that can see {@code okhttp3.OkHttpClient}: an
 * application without OkHttp is not looked at, and the agent ships no OkHttp class.
 */
public final class OkHttpModule extends InstrumentationModule {
    public static final String NAME = "http-client-okhttp";
    static final String CLIENT = "okhttp3.OkHttpClient";
    static final String REQUEST = "okhttp3.Request";

    public OkHttpModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ClassLoaders.canSee(CLIENT);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register("http-client-okhttp:call", new LibraryClientCallHandler(runtime));
        ElementMatcher.Junction<TypeDescription> realCall =
                namedOneOf("okhttp3.RealCall", "okhttp3.internal.connection.RealCall");
        return Arrays.asList(
                TypeInstrumentation.of(named(CLIENT),
                        isPublic().and(named("newCall")).and(takesArguments(1)).and(takesArgument(0, named(REQUEST))),
                        CallSites.lazyAdvice(OkHttpNewCallAdvice.class, site)),
                TypeInstrumentation.of(realCall,
                        nameStartsWith("getResponseWithInterceptorChain"),
                        CallSites.lazyAdvice(OkHttpCallEndAdvice.class, site)));
    }
}
