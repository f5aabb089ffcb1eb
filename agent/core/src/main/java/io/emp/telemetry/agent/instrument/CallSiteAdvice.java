package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The generic enter/exit advice: hands the call to the {@link CallSiteHandler} registered under
 * the baked-in {@link SiteId}. Used by rules and annotations; an instrumentation whose call site
 * needs nothing more than {@code this}, the arguments, the result and the exception uses it too.
 */
public final class CallSiteAdvice {
    private CallSiteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.This(optional = true) Object self,
                               @Advice.AllArguments Object[] args) {
        return Bridge.enter(site, origin, self, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        Bridge.exit(token, returned, thrown);
    }
}
