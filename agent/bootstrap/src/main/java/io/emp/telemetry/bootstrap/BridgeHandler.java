package io.emp.telemetry.bootstrap;

import java.util.Map;

/**
 * What the agent core plugs into the {@link Bridge}. Implemented once, in the agent's own class
 * loader; the bridge only sees this interface, so nothing here may name an agent or shaded type.
 */
public interface BridgeHandler {
    /**
     * An instrumented method was entered at call site {@code site} (an index the agent baked into
     * the advice when it instrumented the method). Returns an opaque token for {@link #exit}, or
     * {@code null} when nothing needs to happen on exit.
     */
    Object enter(int site, Class<?> origin, Object self, Object[] args);

    /** The method of a non-null {@code token} returned ({@code thrown == null}) or threw. */
    void exit(Object token, Object returned, Throwable thrown);

    /** A call of the {@code io.emp.telemetry.api.Telemetry} facade; {@code true} when the agent took it. */
    boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error);

    /** The W3C {@code traceparent} of the current span on this thread, or {@code null}. */
    String traceparent(Class<?> origin);
}
