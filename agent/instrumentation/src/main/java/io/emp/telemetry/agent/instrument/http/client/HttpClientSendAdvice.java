package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.net.http.HttpRequest;

/**
 * On {@code jdk.internal.net.http.HttpClientImpl#send} and {@code #sendAsync}. The handler may
 * replace the request (an immutable {@link HttpRequest}) with a copy carrying a
 * {@code traceparent}: it writes the copy into the argument array, and the advice swaps it in.
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
        Object[] args = new Object[] {request};
        Object token = Bridge.enter(site, origin, null, args);
        if (args[0] != request && args[0] instanceof HttpRequest) request = (HttpRequest) args[0];
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        Bridge.exit(token, returned, thrown);
    }
}
