package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The generic enter/exit advice of a method call site: hands the call to the
 * {@link CallSiteHandler} registered under the baked-in {@link SiteId}. Used by rules and
 * annotations. The argument array is only built once the bridge said the call is wanted:
 * ByteBuddy creates an {@code @AllArguments} array where the parameter is read, so a call the
 * agent does not want (no agent, sampled out, the agent's own work) allocates nothing.
 */
public final class CallSiteAdvice {
    private CallSiteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@SiteId int site,
                               @Advice.Origin Class<?> origin,
                               @Advice.This(optional = true) Object self,
                               @Advice.AllArguments Object[] args) {
        if (!Bridge.active(site)) return null;
        return Bridge.methodEnter(site, origin, self, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) Bridge.exit(token, returned, thrown);
    }
}
