package io.emp.telemetry.agent.instrument.http.server;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;

/**
 * On application {@code com.sun.net.httpserver.HttpHandler#handle(HttpExchange)} implementations:
 * the same values as {@link JakartaServletAdvice}, from the JDK's exchange. The route is the
 * handler's context path (what it was registered under), the only route the JDK server knows.
 */
public final class JdkHttpHandlerAdvice {
    private JdkHttpHandlerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(0) HttpExchange exchange) {
        if (exchange == null) return null;
        InetSocketAddress local = exchange.getLocalAddress();
        return Bridge.enter(site, origin, null, new Object[] {
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getHttpContext().getPath(), exchange.getRequestHeaders().getFirst("traceparent"),
                local == null ? null : local.getHostString(),
                local == null ? null : Integer.valueOf(local.getPort())});
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Argument(0) HttpExchange exchange,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) return;
        // -1 while no response headers were sent (the handler threw before sendResponseHeaders)
        Bridge.exit(token, Integer.valueOf(exchange.getResponseCode()), thrown);
    }
}
