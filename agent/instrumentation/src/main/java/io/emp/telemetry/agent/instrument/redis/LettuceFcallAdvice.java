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
        return Bridge.enter(site, origin, null, new Object[] {
                method, args[0], args.length > 2 ? args[2] : null, args.length > 3 ? args[3] : null});
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        Bridge.exit(token, returned, thrown);
    }
}
