package io.emp.telemetry.bootstrap;

import java.util.Map;

/**
 * Static entry points for advice inlined into application classes. This class lives on the
 * bootstrap class path, so code in ANY class loader (system, isolated, child-first) can call it;
 * that is why advice references only this class and JDK types.
 * <p>
 * Every entry point is a cheap no-op while no handler is installed and never throws: a failure
 * of the agent must never become a failure of the application.
 */
public final class Bridge {
    private static volatile BridgeHandler handler;

    private Bridge() {
    }

    /** Called once by the agent core when it is ready; {@code null} turns the bridge off again. */
    public static void install(BridgeHandler newHandler) {
        handler = newHandler;
    }

    public static boolean isInstalled() {
        return handler != null;
    }

    /** Entry of an instrumented method; the result goes to {@link #exit} unchanged. */
    public static Object enter(int site, Class<?> origin, Object self, Object[] args) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.enter(site, origin, self, args);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** Exit of an instrumented method (normal return or exception). */
    public static void exit(Object token, Object returned, Throwable thrown) {
        if (token == null) return;
        BridgeHandler h = handler;
        if (h == null) return;
        try {
            h.exit(token, returned, thrown);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * The facade's single funnel. {@code true} means the agent handled the call and the facade's
     * own body (its no-op or library backend) must be skipped.
     */
    public static boolean facade(Class<?> origin, String kind, String id, String type, Map<String, ?> data,
                                 Throwable error) {
        BridgeHandler h = handler;
        if (h == null) return false;
        try {
            return h.facade(origin, kind, id, type, data, error);
        } catch (Throwable ignored) {
            return false;
        }
    }

    /** For outgoing requests: the {@code traceparent} header value of the current span, or {@code null}. */
    public static String traceparent(Class<?> origin) {
        BridgeHandler h = handler;
        if (h == null) return null;
        try {
            return h.traceparent(origin);
        } catch (Throwable ignored) {
            return null;
        }
    }
}
