package io.emp.telemetry.agent.instrument.http.server;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;

/**
 * On the JDK server's {@code com.sun.net.httpserver.Filter.Chain#doFilter(HttpExchange)} (which runs
 * a context's filters and then its handler, so it also sees handlers written as lambdas: hidden
 * classes no agent can instrument) and on application {@code HttpHandler#handle(HttpExchange)}
 * classes (for other implementations of that API). The same values as
 * {@link JakartaServletAdvice}, from the exchange; the route is the context path the handler was
 * registered under, the only route the JDK server knows.
 * <p>
 * In the chain, this code runs inside the JDK's module {@code jdk.httpserver}; see
 * {@code HttpClientSendAdvice} for why it can call the bridge.
 */
public final class JdkExchangeAdvice {
    private JdkExchangeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(0) HttpExchange exchange) {
        if (exchange == null || !Bridge.active(site)) return null;
        InetSocketAddress local = exchange.getLocalAddress();
        return Bridge.serverRequestEnter(site, origin, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getHttpContext().getPath(), exchange.getRequestHeaders().getFirst("traceparent"),
                local == null ? null : local.getHostString(), local == null ? -1 : local.getPort());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Argument(0) HttpExchange exchange,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) return;
        // The exit must run whatever happens: it ends the request the handler keeps per thread.
        // The code is -1 while no response headers were sent (the handler threw before sending).
        int status = -1;
        try {
            status = exchange.getResponseCode();
        } catch (Throwable unknown) {
            status = -1;
        }
        Bridge.serverRequestExit(token, status, thrown);
    }
}
