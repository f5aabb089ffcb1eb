package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * On Lettuce's async {@code fcall}/{@code fcallReadOnly(function, outputType, keys[, values])}
 * (the sync API is a proxy over them). Only JDK types appear here (see {@link LibraryNames}): the
 * key and value arrays are passed for counting, never read. The returned {@code RedisFuture} is a
 * {@code CompletionStage}; the handler completes the call when it completes.
 */
public final class LettuceFcallAdvice {
    private LettuceFcallAdvice() {
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
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.exit(token, returned, thrown);
    }
}
