package io.emp.telemetry.schema;

/**
 * Names of the fields of one stream entry. These are a public contract: scripts read them with
 * {@code redis-cli XRANGE}, the collector decodes them, and renaming one breaks both.
 */
public final class EventFields {
    /** Schema version, see {@link #SCHEMA_VERSION}. */
    public static final String VERSION = "v";
    /** Epoch milliseconds when the event happened (for exit events: when the call ended). */
    public static final String TIMESTAMP = "timestamp";
    public static final String SERVICE = "service";
    /** {@code entity.action}; failures are {@code entity.action_failed}. */
    public static final String EVENT_TYPE = "eventType";
    /** 32 lower-case hex characters (W3C trace-id). */
    public static final String TRACE_ID = "traceId";
    /** 16 lower-case hex characters (W3C parent-id of the span this event belongs to). */
    public static final String SPAN_ID = "spanId";
    public static final String PARENT_SPAN_ID = "parentSpanId";
    public static final String JOB_ID = "jobId";
    public static final String WORKER_ID = "workerId";
    public static final String MACHINE_ID = "machineId";
    /**
     * The emitting process's {@code service.instance.id} (optional). Written by the agent's writer on every
     * entry; the collector reads the process's OpenTelemetry resource from {@link StreamDefaults#RESOURCE_KEY}.
     */
    public static final String INSTANCE = "instance";
    public static final String USER_ID = "userId";
    /** A JSON object of attributes. */
    public static final String DATA = "data";
    public static final String ERROR_TYPE = "errorType";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String ERROR_STACK = "errorStack";

    /** Version written by this build; decoders accept this and older versions. */
    public static final int SCHEMA_VERSION = 1;

    private EventFields() {
    }
}
