package io.emp.telemetry.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Emits {@code <value>.started} on entry, {@code <value>.completed} on normal return and
 * {@code <value>_failed} (to the errors stream) on an exception, with the duration, in a span of
 * its own. Works on class methods and on methods declared in interfaces. Needs the javaagent.
 * <pre>{@code @TelemetryEvent("order.payment") void pay(@JobId String jobId, @EventAttribute("amount") long cents)}</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TelemetryEvent {
    /** Event name prefix, {@code entity.action}. */
    String value();
}
