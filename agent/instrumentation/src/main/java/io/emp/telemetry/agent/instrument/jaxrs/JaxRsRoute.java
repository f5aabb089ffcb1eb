package io.emp.telemetry.agent.instrument.jaxrs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On the advice's {@code String} parameter: the resource method's route template, a constant computed at transformation time. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface JaxRsRoute {
}
