package io.emp.telemetry.agent.instrument.http.client.okhttp;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import okhttp3.Response;

/**
 * On {@code RealCall#getResponseWithInterceptorChain}: the response after every redirect and retry,
 * or the exception that ended the call. Only its status is read; the body is never touched.
 */
public final class OkHttpCallEndAdvice {
    private OkHttpCallEndAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@SiteId int site,
                            @Advice.This Object call,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        int status = returned instanceof Response ? ((Response) returned).code() : -1;
        Bridge.clientCallEnd(site, call, status, thrown);
    }
}
