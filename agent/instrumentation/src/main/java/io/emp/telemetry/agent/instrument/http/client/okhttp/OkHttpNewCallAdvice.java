package io.emp.telemetry.agent.instrument.http.client.okhttp;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * On {@code okhttp3.OkHttpClient#newCall(Request)}. Inlined into OkHttp's own class, so it may use
 * OkHttp's types (only the methods every version from 3.0 has: {@code url()}, {@code method()},
 * {@code header()}, {@code newBuilder()}); the agent itself never links them. A {@link Request} is
 * immutable: the call is created with a copy carrying the {@code traceparent} the agent asks for.
 */
public final class OkHttpNewCallAdvice {
    private OkHttpNewCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Argument(value = 0, readOnly = false) Request request) {
        if (request == null || !Bridge.active(site)) return null;
        HttpUrl url = request.url();
        Object token = Bridge.clientCallEnter(site, origin, request.method(), url.toString(), url.host(), url.port(),
                request.header("traceparent"));
        String traceparent = Bridge.clientCallTraceparent(token);
        if (traceparent != null) request = request.newBuilder().header("traceparent", traceparent).build();
        return token;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object call) {
        if (token != null) Bridge.clientCallBind(token, call);
    }
}
