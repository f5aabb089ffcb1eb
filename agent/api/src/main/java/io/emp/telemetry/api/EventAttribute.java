package io.emp.telemetry.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Adds this parameter's value (stringified, size-capped, redacted if the name is sensitive) as an attribute. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface EventAttribute {
    /** Attribute name. */
    String value();
}
