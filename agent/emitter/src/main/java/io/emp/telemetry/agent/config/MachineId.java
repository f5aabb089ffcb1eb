package io.emp.telemetry.agent.config;

/**
 * The machine this process runs on, as every event names it ({@code machineId}): {@code machine.id}
 * ({@code EMP_MACHINE_ID}, {@code -Demp.machine.id}, agent option), else the plain {@code MACHINE_ID}
 * environment variable the job system's workers already use, else the host name. One definition, read
 * once by {@link EmitterConfig}, so the writer, the lifecycle events and the GPU channel agree.
 */
public final class MachineId {
    /** The job system's own variable (the sample worker reads it too); consulted after {@code EMP_MACHINE_ID}. */
    public static final String PLAIN_ENV = "MACHINE_ID";

    private MachineId() {
    }

    public static String resolve(Settings settings) {
        String configured = settings.get("machine.id");
        if (configured != null && !configured.isBlank()) return configured.trim();
        String plain = settings.env(PLAIN_ENV);
        if (plain != null && !plain.isBlank()) return plain.trim();
        return HostFacts.hostName();
    }

    /** Where the machine id came from, for the log line at start. */
    public static String describe(Settings settings) {
        if (settings.isSet("machine.id")) return settings.describe("machine.id");
        String plain = settings.env(PLAIN_ENV);
        return plain != null && !plain.isBlank() ? PLAIN_ENV : "the host name";
    }
}
