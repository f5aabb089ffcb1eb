package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.instrument.SiteId;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.net.http.HttpRequest;

/**
 * On {@code jdk.internal.net.http.HttpClientImpl#send} and {@code #sendAsync}. The handler may
 * replace the request (an immutable {@link HttpRequest}) with a copy carrying a
 * {@code traceparent}: it writes the copy into the argument array, and the advice swaps it in.
 * <p>
 * The bridge is called reflectively: this code runs inside the JDK's named module
 * {@code java.net.http}, which does not read the bootstrap class path's unnamed module, so a
 * direct call would fail to link (core reflection assumes readability). The cost is a lookup per
 * HTTP call, small next to the network round trip.
 */
public final class HttpClientSendAdvice {
    private HttpClientSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(value = 0, readOnly = false) HttpRequest request) throws Exception {
        Object[] args = new Object[] {request};
        Object token = Class.forName("io.emp.telemetry.bootstrap.Bridge", false, null)
                .getMethod("enter", int.class, Class.class, Object.class, Object[].class)
                .invoke(null, Integer.valueOf(site), origin, null, args);
        if (args[0] != request && args[0] instanceof HttpRequest) request = (HttpRequest) args[0];
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) throws Exception {
        if (token == null) return;
        Class.forName("io.emp.telemetry.bootstrap.Bridge", false, null)
                .getMethod("exit", Object.class, Object.class, Throwable.class)
                .invoke(null, token, returned, thrown);
    }
}
