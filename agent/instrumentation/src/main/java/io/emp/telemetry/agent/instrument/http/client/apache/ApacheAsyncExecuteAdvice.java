package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** On the async client's {@code doExecute}: the call starts; its request follows on this thread. */
public final class ApacheAsyncExecuteAdvice {
    private ApacheAsyncExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site, @Advice.Origin Class<?> origin) {
        if (!Bridge.active(site)) return null;
        return Bridge.asyncHttpClientStart(site, origin);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.asyncHttpClientExit(token, thrown);
    }
}
