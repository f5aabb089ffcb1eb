package io.emp.telemetry.schema;

/**
 * Default stream names, lengths, retention and Pub/Sub channel templates. All of these can be
 * overridden by configuration; the names here are what a fresh install uses.
 */
public final class StreamDefaults {
    public static final String EVENTS_STREAM = "emp:events";
    public static final String ERRORS_STREAM = "emp:errors";
    public static final long EVENTS_MAXLEN = 10_000;
    public static final long EVENTS_RETENTION_MS = 24L * 60 * 60 * 1000;
    public static final long ERRORS_MAXLEN = 50_000;
    public static final long ERRORS_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

    /** Pub/Sub channel for a job's high-frequency status (progress). */
    public static final String JOB_STATUS_CHANNEL = "job:{jobId}:status";
    /** Pub/Sub channel for a machine's GPU statistics. */
    public static final String MACHINE_GPU_CHANNEL = "machine:{machineId}:gpu";

    /**
     * Key of a string holding a JSON object with the OpenTelemetry resource attributes of one agent process
     * ({@code service.name}, {@code service.version}, {@code service.instance.id}, {@code host.*}, {@code process.*},
     * {@code os.*}, {@code telemetry.distro.*}, and whatever {@code OTEL_RESOURCE_ATTRIBUTES} adds). The agent's
     * writer sets it on every (re)connect and refreshes it, with an expiry of {@link #RESOURCE_TTL_SECONDS};
     * {@code {instance}} is the entry field {@link EventFields#INSTANCE}.
     */
    public static final String RESOURCE_KEY = "emp:resource:{instance}";
    public static final long RESOURCE_TTL_SECONDS = 24L * 60 * 60;

    /** Consumer group of the collector's reactions engine (both streams). */
    public static final String REACTIONS_GROUP = "reaction-handlers";

    /** Consumer groups the collector uses. */
    public static final String EVENTS_GROUP = "telemetry-collectors";
    public static final String ERRORS_GROUP = "error-collectors";

    private StreamDefaults() {
    }
}
