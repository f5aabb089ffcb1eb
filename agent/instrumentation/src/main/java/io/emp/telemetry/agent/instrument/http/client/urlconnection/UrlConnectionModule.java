package io.emp.telemetry.agent.instrument.http.client.urlconnection;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.net.HttpURLConnection} requests ({@code EMP_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED}):
 * the JDK's implementation {@code sun.net.www.protocol.http.HttpURLConnection}, which
 * {@code new URL("http…").openConnection()} returns, and which also carries HTTPS (the public
 * {@code HttpsURLConnectionImpl} delegates to a subclass of it whose {@code connect} is its own,
 * in {@code AbstractDelegateHttpsURLConnection}).
 */
public final class UrlConnectionModule extends InstrumentationModule {
    public static final String NAME = "http-url-connection";
    static final String HTTP_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String HTTPS_DELEGATE = "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection";

    public UrlConnectionModule() {
        super(NAME, true);
    }

    @Override
    public ElementMatcher<TypeDescription> jdkTypes() {
        return namedOneOf(HTTP_CONNECTION, HTTPS_DELEGATE);
    }

    /**
     * False on purpose, as for the {@code java.net.http} client: the implementation is loaded on
     * the first {@code http:}/{@code https:} URL connection, after {@code premain}, so no
     * retransformation scan of every loaded class is needed at start.
     */
    @Override
    public boolean instrumentsJdkTypes() {
        return false;
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register("http-url-connection:call", new UrlConnectionHandler(runtime));
        return Collections.singletonList(TypeInstrumentation.of(namedOneOf(HTTP_CONNECTION, HTTPS_DELEGATE),
                isPublic().and(namedOneOf("connect", "getOutputStream", "getInputStream")).and(takesArguments(0)),
                CallSites.lazyAdvice(UrlConnectionAdvice.class, site)));
    }
}
