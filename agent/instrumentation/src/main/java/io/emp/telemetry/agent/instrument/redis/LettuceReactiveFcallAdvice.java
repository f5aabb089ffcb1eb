package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * On Lettuce's reactive {@code fcall}/{@code fcallReadOnly}, which return a cold {@code Flux}. The
 * handler gets the Flux in a one-element box and puts back a Flux with completion callbacks
 * attached; it is swapped into the return value. Reactor is not named here: the agent relocates
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
        return Bridge.enter(site, origin, null, new Object[] {
                method, args[0], args.length > 2 ? args[2] : null, args.length > 3 ? args[3] : null});
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) return;
        Object[] box = new Object[] {returned};
        Bridge.exit(token, box, thrown);
        if (box[0] != returned) returned = box[0];
    }
}
