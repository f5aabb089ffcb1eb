package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.net.http.HttpRequest;

/**
 * On {@code jdk.internal.net.http.HttpClientImpl#send} and {@code #sendAsync}. The handler may
 * replace the request (an immutable {@link HttpRequest}) with a copy carrying a
 * {@code traceparent}: the advice asks for it ({@code Bridge.clientRequestReplacement}) and swaps it in.
 * <p>
 * This code runs inside the JDK's named module {@code java.net.http}; it may call the bridge on
 * the bootstrap class path because the JVM gives every module an agent transformed a read edge
 * to the bootstrap and application loaders' unnamed modules ({@code Modules.transformedByAgent}).
 */
public final class HttpClientSendAdvice {
    private HttpClientSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
        if (!Bridge.active(site)) return null;
        Object token = Bridge.clientRequestEnter(site, origin, request);
        Object traced = Bridge.clientRequestReplacement(token);
        if (traced instanceof HttpRequest) request = (HttpRequest) traced;
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.exit(token, returned, thrown);
    }
}
