package io.emp.telemetry.agent.rules.path;

import io.emp.telemetry.agent.rules.Invocation;

/** Where an attribute value comes from: a path into the call, a literal, or the first of several alternatives. */
public interface ValueSource {
    /** The raw value, or null when there is none. Never throws. */
    Object value(Invocation invocation);

    /** The roots this source reads, so a loader can reject {@code return} outside RETURN events. */
    boolean reads(PathRoot root);

    /** Whether a step reads a member or key whose name matches, e.g. a sensitive one ({@code args[0].password}). */
    default boolean readsName(java.util.function.Predicate<String> name) {
        return false;
    }
}
