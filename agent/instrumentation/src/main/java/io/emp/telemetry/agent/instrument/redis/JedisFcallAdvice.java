package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * On Jedis {@code fcall}/{@code fcallReadonly(name, keys, args)} of {@code Jedis} and
 * {@code UnifiedJedis} (JedisPooled, JedisCluster): synchronous, the result is the return value.
 * The name is a String or byte[]; keys and args are lists, passed for counting, never read.
 */
public final class JedisFcallAdvice {
    private JedisFcallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Origin("#m") String method,
                               @Advice.Argument(0) Object name,
                               @Advice.Argument(1) Object keys,
                               @Advice.Argument(2) Object args) {
        if (!Bridge.active(site)) return null;
        return Bridge.functionCallEnter(site, origin, method, name, keys, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.exit(token, returned, thrown);
    }
}
