package io.emp.telemetry.it.app;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reports, from the application's side, where the agent's bridge lives and whether the agent's way
 * of putting it there opened a JDK internal package to the class path (it must not), then calls a
 * JDK method a rule names so the bridge is used from a {@code java.base} class.
 */
public final class BootBridgeApp {
    private BootBridgeApp() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> bridge = Class.forName("io.emp.telemetry.bootstrap.Bridge");
        System.out.println("bridge-loader=" + (bridge.getClassLoader() == null ? "boot" : bridge.getClassLoader()));
        String internal;
        try {
            Class.forName("jdk.internal.misc.Unsafe").getMethod("getUnsafe").invoke(null);
            internal = "allowed";
        } catch (IllegalAccessException expected) {
            internal = "denied";
        }
        System.out.println("internal-access=" + internal);
        System.out.println("encoded=" + Base64.getEncoder().encodeToString("emp".getBytes(StandardCharsets.UTF_8)));
    }
}
