package io.emp.telemetry.agent;

import net.bytebuddy.ClassFileVersion;

/**
 * System properties for the agent's own, relocated ByteBuddy. Their names are relocated together
 * with ByteBuddy when the agent is shaded ({@code net.bytebuddy.*} becomes
 * {@code io.emp.telemetry.agent.shaded.net.bytebuddy.*}), so an application's own ByteBuddy is
 * never affected.
 */
final class ByteBuddySetup {
    private static final String EXPERIMENTAL = "net.bytebuddy.experimental";
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private ByteBuddySetup() {
    }

    static void configure() {
        try {
            // The agent never needs the Nexus (it makes no class format changes, so there are no
            // loaded type initializers to run); creating it would touch sun.misc.Unsafe, which
            // newer JDKs report with a warning in the application's stderr.
            if (System.getProperty(NEXUS_DISABLED) == null) System.setProperty(NEXUS_DISABLED, "true");
            // On a JDK newer than this ByteBuddy officially knows, its class file parser needs the
            // experimental flag; users should not need a JVM option for that.
            int vm = Runtime.version().feature();
            int known = ClassFileVersion.latest().getJavaVersion();
            if (vm > known && System.getProperty(EXPERIMENTAL) == null) {
                System.setProperty(EXPERIMENTAL, "true");
                Log.info("agent", "Java " + vm + " is newer than ByteBuddy's Java " + known
                        + "; enabled ByteBuddy's experimental support");
            }
        } catch (Throwable t) {
            Log.warn("agent", "could not configure ByteBuddy for this JDK", t);
        }
    }
}
