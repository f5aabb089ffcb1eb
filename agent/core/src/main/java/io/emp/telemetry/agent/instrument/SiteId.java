package io.emp.telemetry.agent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code int} advice parameter: the call site index the agent baked into the advice (a
 * constant in the instrumented code), handed to the bridge's enter methods. See {@link CallSites}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SiteId {
}
