package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.net.URIAuthority;

/**
 * On the classic client's {@code doExecute(target, request, context)}, which every
 * {@code execute} overload reaches once per call. Inlined into the application's copy of
 * HttpClient, so it names the library's types; they stay references by name in the agent jar.
 * Reads only getters; the one change it makes is the {@code traceparent} header, set on the
 * request before the exec chain copies and sends it (the chain's redirects and retries keep it).
 * A request with a relative URI takes host and scheme from {@code target}, as the client does.
 */
public final class ApacheClassicExecuteAdvice {
    private ApacheClassicExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(0) HttpHost target,
                               @Advice.Argument(1) ClassicHttpRequest request) {
        if (request == null || !Bridge.active(site)) return null;
        URIAuthority authority = request.getAuthority();
        String scheme = request.getScheme();
        String host = null;
        int port = -1;
        if (authority != null) {
            host = authority.getHostName();
            port = authority.getPort();
        } else if (target != null) {
            host = target.getHostName();
            port = target.getPort();
            scheme = target.getSchemeName();
        }
        Object token = Bridge.httpClientEnter(site, origin, request.getMethod(), scheme, host, port,
                request.getPath(), request.containsHeader("traceparent"));
        String traceparent = Bridge.httpClientTraceparent(token);
        if (traceparent != null) request.setHeader("traceparent", traceparent);
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object response,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) return;
        int status = response instanceof HttpResponse ? ((HttpResponse) response).getCode() : -1;
        Bridge.httpClientExit(token, status, thrown);
    }
}
