package io.emp.telemetry.agent.instrument.websocket;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a String advice parameter: the handshake's query parameter that names the user
 * ({@code instrumentation.websocket.user_param}), baked into the advice; {@code ""} when unset.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface UserParam {
}
