package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.log.LettuceLogBridge;
import io.lettuce.core.RedisClient;

/**
 * Process-wide Lettuce settings the emitter wants: its logging routed to the agent log, and no JFR
 * events (initialising JFR costs the first connect hundreds of milliseconds of CPU for events
 * nobody asked for). Both are global switches, so they are only applied to the agent's own
 * relocated Lettuce copy; used as a library, the application's Lettuce settings stay untouched.
 */
final class LettuceDefaults {
    private LettuceDefaults() {
    }

    static void applyIfRelocated() {
        String lettucePackage = RedisClient.class.getPackage().getName();
        if (lettucePackage.startsWith("io.lettuce.")) return;
        LettuceLogBridge.installIfRelocated();
        // Read by Lettuce's EventRecorderHolder when first used; the relocated copy reads the relocated key.
        String jfrKey = lettucePackage + ".jfr";
        try {
            if (System.getProperty(jfrKey) == null) System.setProperty(jfrKey, "false");
        } catch (SecurityException ignored) {
            // Keep JFR on; it only costs time on the first connect.
        }
    }
}
