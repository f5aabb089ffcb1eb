package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.Arrays;
import java.util.List;

/**
 * On Jedis's {@code eval}/{@code evalsha(script, keyCount, params...)}: the first {@code keyCount} parameters are
 * the keys, the rest the arguments. They are split into views for counting, never read.
 */
public final class JedisKeyCountAdvice {
    private JedisKeyCountAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.Origin("#m") String method,
                               @Advice.Argument(0) Object script,
                               @Advice.Argument(1) int keyCount,
                               @Advice.Argument(2) Object[] params) {
        if (!Bridge.active(site)) return null;
        List<Object> all = params == null ? null : Arrays.asList(params);
        int keys = all == null ? 0 : Math.max(0, Math.min(keyCount, all.size()));
        return Bridge.functionCallEnter(site, origin, method, script,
                all == null ? null : all.subList(0, keys), all == null ? null : all.subList(keys, all.size()));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.exit(token, returned, thrown);
    }
}
