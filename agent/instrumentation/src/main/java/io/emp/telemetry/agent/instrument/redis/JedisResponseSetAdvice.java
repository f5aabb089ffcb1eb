package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * On Jedis's {@code Response.set(data)}: a queued command's raw reply (an exception object for an error reply)
 * arrived during {@code sync()} or {@code exec()}. Runs for every queued command; the bridge answers
 * {@code active} only while an instrumented call waits for its reply.
 */
public final class JedisResponseSetAdvice {
    private JedisResponseSetAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@SiteId int site, @Advice.This Object response, @Advice.Argument(0) Object reply) {
        if (Bridge.active(site)) Bridge.pipelinedReply(site, response, reply);
    }
}
