package io.emp.telemetry.agent.instrument.http.server;

import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.agent.instrument.SiteId;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;

/**
 * On the JDK server's {@code com.sun.net.httpserver.Filter.Chain#doFilter(HttpExchange)}, which
 * runs a context's filters and then its handler: this also sees handlers written as lambdas
 * (hidden classes, which no agent can instrument). Same values as {@link JdkHttpHandlerAdvice};
 * the outermost chain call is the request, the nested ones (each filter calls the chain) are not.
 * <p>
 * Runs inside the JDK's named module {@code jdk.httpserver}, which does not read the bootstrap
 * class path's unnamed module: the bridge is reached reflectively (see
 * {@code HttpClientSendAdvice}), once on entry and once on exit of a request.
 */
public final class JdkFilterChainAdvice {
    private JdkFilterChainAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(0) HttpExchange exchange) throws Exception {
        if (exchange == null) return null;
        InetSocketAddress local = exchange.getLocalAddress();
        Object[] args = new Object[] {
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getHttpContext().getPath(), exchange.getRequestHeaders().getFirst("traceparent"),
                local == null ? null : local.getHostString(),
                local == null ? null : Integer.valueOf(local.getPort())};
        return Class.forName("io.emp.telemetry.bootstrap.Bridge", false, null)
                .getMethod("enter", int.class, Class.class, Object.class, Object[].class)
                .invoke(null, Integer.valueOf(site), origin, null, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Argument(0) HttpExchange exchange,
                            @Advice.Thrown Throwable thrown) throws Exception {
        if (token == null) return;
        Class.forName("io.emp.telemetry.bootstrap.Bridge", false, null)
                .getMethod("exit", Object.class, Object.class, Throwable.class)
                .invoke(null, token, Integer.valueOf(exchange.getResponseCode()), thrown);
    }
}
