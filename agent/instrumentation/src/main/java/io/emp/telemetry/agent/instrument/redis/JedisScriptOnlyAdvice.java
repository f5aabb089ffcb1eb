package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * On Jedis's {@code eval}/{@code evalsha(script)} and the cluster form {@code (script, sampleKey)}: no keys or
 * arguments to count (a sample key only routes the call).
 */
public final class JedisScriptOnlyAdvice {
    private JedisScriptOnlyAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Origin("#m") String method,
                               @Advice.Argument(0) Object script) {
        if (!Bridge.active(site)) return null;
        return Bridge.functionCallEnter(site, origin, method, script, null, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.exit(token, returned, thrown);
    }
}
