package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * On Lettuce's reactive {@code fcall}/{@code fcallReadOnly}, which return a cold {@code Flux}. The
 * handler answers the exit with a Flux that has completion callbacks attached; it is swapped into
 * the return value. Reactor is not named here: the agent relocates
 * its own copy, so the handler reaches the application's Reactor through the Flux's own methods.
 */
public final class LettuceReactiveFcallAdvice {
    private LettuceReactiveFcallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Origin("#m") String method,
                               @Advice.AllArguments Object[] args) {
        if (!Bridge.active(site)) return null;
        Object[] all = args; // built here, once: ByteBuddy creates the array where it is read
        return Bridge.functionCallEnter(site, origin, method, all[0],
                all.length > 2 ? all[2] : null, all.length > 3 ? all[3] : null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) return;
        Object traced = Bridge.exit(token, returned, thrown);
        if (traced != returned) returned = traced;
    }
}
