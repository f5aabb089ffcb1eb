package io.emp.telemetry.agent.instrument.facade;

import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

import java.util.Map;

/**
 * On {@code Telemetry.dispatch(kind, id, type, data, error)}: hands the call to the agent and, when
 * the agent took it, skips the original body (the no-op or the library backend).
 */
public final class FacadeAdvice {
    private FacadeAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static boolean enter(@Advice.Origin Class<?> origin,
                                @Advice.Argument(0) String kind,
                                @Advice.Argument(1) String id,
                                @Advice.Argument(2) String type,
                                @Advice.Argument(3) Map<String, ?> data,
                                @Advice.Argument(4) Throwable error) {
        return Bridge.facade(origin, kind, id, type, data, error);
    }
}
