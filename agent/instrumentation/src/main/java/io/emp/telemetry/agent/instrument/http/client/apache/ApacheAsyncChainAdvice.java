package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;

/**
 * On {@code AsyncExecChainElement#execute(request, entityProducer, scope, callback)}: the first one
 * an async {@code doExecute} reaches on its thread is the head of the chain receiving the request
 * (the client's copy, the one sent) and the client's callback for the exchange. The
 * {@code traceparent} is set on that copy and on the application's original request, which the
 * scope carries: the redirect step builds its requests from the original's headers. Later
 * elements, and the chain's redirects and retries, find no call waiting.
 */
public final class ApacheAsyncChainAdvice {
    private ApacheAsyncChainAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@SiteId int site,
                             @Advice.Argument(0) HttpRequest request,
                             @Advice.Argument(2) AsyncExecChain.Scope scope,
                             @Advice.Argument(3) Object callback) {
        if (request == null || !Bridge.asyncHttpClientAwaitsRequest(site)) return;
        URIAuthority authority = request.getAuthority();
        String traceparent = Bridge.asyncHttpClientSend(site, callback, request.getMethod(), request.getScheme(),
                authority == null ? null : authority.getHostName(), authority == null ? -1 : authority.getPort(),
                request.getPath(), request.containsHeader("traceparent"));
        if (traceparent == null) return;
        request.setHeader("traceparent", traceparent);
        HttpRequest original = scope == null ? null : scope.originalRequest;
        if (original != null && original != request && !original.containsHeader("traceparent")) {
            original.setHeader("traceparent", traceparent);
        }
    }
}
