package io.emp.telemetry.agent.instrument.websocket;

import io.emp.telemetry.agent.rules.match.SuperTypes;
import io.emp.telemetry.agent.config.Settings;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.ClassLoaders;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import io.emp.telemetry.agent.instrument.TypeTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * WebSocket connections ({@code EMP_INSTRUMENTATION_WEBSOCKET_ENABLED}), server and client side:
 * <ul>
 *   <li>Jakarta WebSocket: {@code @ServerEndpoint} / {@code @ClientEndpoint} classes
 *       ({@code @OnOpen}, {@code @OnMessage}, {@code @OnClose}, {@code @OnError}) and
 *       {@code jakarta.websocket.Endpoint} subclasses ({@code onOpen}, {@code onClose},
 *       {@code onError}, including {@code Endpoint}'s own when a subclass does not override them);</li>
 *   <li>Jetty 12's WebSocket API: {@code Session.Listener} implementations (the methods they
 *       override: Jetty calls no other) and {@code @WebSocket} classes ({@code @OnWebSocketOpen}, {@code @OnWebSocketMessage},
 *       {@code @OnWebSocketClose}, {@code @OnWebSocketError}).</li>
 * </ul>
 * The endpoints are the application's, whatever the container runs them (Jetty, Tomcat, Undertow
 * for Jakarta). {@code websocket.connected}, {@code websocket.disconnected}, {@code websocket.error};
 * no event per message ({@link ConnectionHandler}).
 */
public final class WebSocketModule extends InstrumentationModule {
    public static final String NAME = "websocket";
    /** The handshake header that names the user when the handshake has no principal (Jetty API). */
    static final String USER_HEADER_KEY = "instrumentation.websocket.user_header";
    /** The handshake's query parameter that names the user when there is no principal (both APIs). */
    static final String USER_PARAM_KEY = "instrumentation.websocket.user_param";

    static final String JAKARTA_SESSION = "jakarta.websocket.Session";
    static final String JETTY_SESSION = "org.eclipse.jetty.websocket.api.Session";
    private static final String JAKARTA = "jakarta.websocket.";
    private static final String JETTY_FRAME_HANDLER = "org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandler";
    private static final String JETTY_ANNOTATIONS = "org.eclipse.jetty.websocket.api.annotations.";

    private final Settings settings;

    public WebSocketModule() {
        this(Settings.fromEnvironment(null));
    }

    /** With explicit settings (tests). */
    public WebSocketModule(Settings settings) {
        super(NAME, true);
        this.settings = settings;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        ElementMatcher<ClassLoader> jakarta = ClassLoaders.canSee(JAKARTA_SESSION);
        ElementMatcher<ClassLoader> jetty = ClassLoaders.canSee(JETTY_SESSION);
        return loader -> jakarta.matches(loader) || jetty.matches(loader);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        int site = runtime.callSites().register("websocket:connection", new ConnectionHandler(runtime));
        Map<Class<? extends Annotation>, Object> names = new HashMap<>();
        names.put(UserHeader.class, settings.get(USER_HEADER_KEY, "").trim());
        names.put(UserParam.class, settings.get(USER_PARAM_KEY, "").trim());

        LazyAdvice jakartaOpen = CallSites.lazyAdvice(JakartaOpenAdvice.class, site, names);
        LazyAdvice jakartaClose = CallSites.lazyAdvice(JakartaCloseAdvice.class, site);
        LazyAdvice jakartaError = CallSites.lazyAdvice(JakartaErrorAdvice.class, site);
        LazyAdvice jettyOpen = CallSites.lazyAdvice(JettyOpenAdvice.class, site, names);
        LazyAdvice jettyClose = CallSites.lazyAdvice(JettyCloseAdvice.class, site);
        LazyAdvice jettyError = CallSites.lazyAdvice(JettyErrorAdvice.class, site);
        LazyAdvice message = CallSites.lazyAdvice(MessageAdvice.class, site);

        return Arrays.asList(
                types(SuperTypes.declaresAnnotation(JAKARTA + "server.ServerEndpoint", JAKARTA + "ClientEndpoint"),
                        annotated(JAKARTA + "OnOpen"), jakartaOpen,
                        annotated(JAKARTA + "OnMessage"), message,
                        annotated(JAKARTA + "OnClose"), jakartaClose,
                        annotated(JAKARTA + "OnError"), jakartaError),
                types(SuperTypes.named(JAKARTA + "Endpoint"),
                        named("onOpen").and(takesArguments(2)).and(takesArgument(0, named(JAKARTA_SESSION))),
                        jakartaOpen,
                        null, null,
                        named("onClose").and(takesArguments(2)).and(takesArgument(0, named(JAKARTA_SESSION))),
                        jakartaClose,
                        named("onError").and(takesArguments(2)).and(takesArgument(0, named(JAKARTA_SESSION))),
                        jakartaError),
                types(SuperTypes.named(JETTY_SESSION + "$Listener"),
                        named("onWebSocketOpen").and(takesArguments(1)).and(takesArgument(0, named(JETTY_SESSION))),
                        jettyOpen,
                        namedOneOf("onWebSocketText", "onWebSocketBinary", "onWebSocketPartialText",
                                "onWebSocketPartialBinary"), message,
                        named("onWebSocketClose").and(takesArgument(0, int.class)).and(takesArgument(1, String.class)),
                        jettyClose,
                        named("onWebSocketError").and(takesArguments(1)).and(takesArgument(0, Throwable.class)),
                        jettyError),
                jettyFrameHandler(CallSites.lazyAdvice(JettyFrameHandlerOpenAdvice.class, site, names),
                        CallSites.lazyAdvice(JettyFrameHandlerCloseAdvice.class, site)),
                types(SuperTypes.declaresAnnotation(JETTY_ANNOTATIONS + "WebSocket"),
                        annotated(JETTY_ANNOTATIONS + "OnWebSocketOpen"), jettyOpen,
                        annotated(JETTY_ANNOTATIONS + "OnWebSocketMessage"), message,
                        annotated(JETTY_ANNOTATIONS + "OnWebSocketClose"), jettyClose,
                        annotated(JETTY_ANNOTATIONS + "OnWebSocketError"), jettyError));
    }

    /**
     * Jetty's per-connection frame handler behind every Jetty API endpoint: Jetty calls only the
     * listener methods a class overrides, so opens and closes of listeners without them are seen here.
     */
    private static TypeInstrumentation jettyFrameHandler(LazyAdvice open, LazyAdvice close) {
        return new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return named(JETTY_FRAME_HANDLER);
            }

            @Override
            public void transform(TypeTransformer transformer) {
                transformer.applyAdvice(named("onOpen").and(takesArguments(2)), open);
                transformer.applyAdvice(named("onClosed").and(takesArguments(2)), close);
            }
        };
    }

    private static ElementMatcher.Junction<MethodDescription> annotated(String annotation) {
        return isAnnotatedWith(named(annotation));
    }

    /** One endpoint style: its open, message (optional), close and error callbacks. */
    private static TypeInstrumentation types(ElementMatcher<TypeDescription> endpoints,
                                             ElementMatcher<? super MethodDescription> open, LazyAdvice openAdvice,
                                             ElementMatcher<? super MethodDescription> message, LazyAdvice messageAdvice,
                                             ElementMatcher<? super MethodDescription> close, LazyAdvice closeAdvice,
                                             ElementMatcher<? super MethodDescription> error, LazyAdvice errorAdvice) {
        return new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return endpoints;
            }

            @Override
            public void transform(TypeTransformer transformer) {
                transformer.applyAdvice(open, openAdvice);
                if (message != null) transformer.applyAdvice(message, messageAdvice);
                transformer.applyAdvice(close, closeAdvice);
                transformer.applyAdvice(error, errorAdvice);
            }
        };
    }
}
