package io.emp.telemetry.agent;

/**
 * Settings for the agent's own, relocated Netty. The property names below are relocated together
 * with Netty when the agent is shaded ({@code io.netty.*} becomes
 * {@code io.emp.telemetry.agent.shaded.io.netty.*}), so they never change the application's Netty.
 */
final class ShadedNetty {
    private static final String NO_UNSAFE = "io.netty.noUnsafe";

    private ShadedNetty() {
    }

    static void configure() {
        try {
            // From Java 24 the JVM prints a deprecation warning into the application's stderr on the
            // first sun.misc.Unsafe memory access. The emitter's low traffic does not need Unsafe.
            if (Runtime.version().feature() >= 24 && System.getProperty(NO_UNSAFE) == null) {
                System.setProperty(NO_UNSAFE, "true");
            }
        } catch (Throwable ignored) {
            // a security manager refusing properties: keep Netty's defaults
        }
    }
}
