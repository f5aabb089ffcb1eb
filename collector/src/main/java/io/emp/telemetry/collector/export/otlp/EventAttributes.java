package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.AttributesBuilder;

import java.util.Map;

/**
 * Event fields and data as OTLP attributes (numbers and booleans keep their type), with the semantic-convention
 * names (see the table in docs/event-schema.md); keys older agents wrote under a deprecated name are renamed.
 */
public final class EventAttributes {
    /** On metric points (the semantic conventions' name for the kind of event). */
    public static final String EVENT_NAME = "event.name";
    public static final String EXCEPTION_TYPE = "exception.type";
    public static final String EXCEPTION_MESSAGE = "exception.message";
    public static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
    /** Deprecated semantic-convention names older agents write → their current names. */
    static final Map<String, String> RENAMED = Map.of(
            io.emp.telemetry.schema.Attributes.DB_SYSTEM, io.emp.telemetry.schema.Attributes.DB_SYSTEM_NAME);
    public static final String JOB_ID = "emp.job.id";
    public static final String WORKER_ID = "emp.worker.id";
    public static final String MACHINE_ID = "emp.machine.id";
    public static final String USER_ID = "enduser.id";
    public static final String STREAM = "emp.stream";
    public static final String ENTRY_ID = "emp.entry.id";

    private EventAttributes() {
    }

    public static void putData(AttributesBuilder b, Map<String, Object> data) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String renamed = RENAMED.get(e.getKey());
            String key = renamed != null && !data.containsKey(renamed) ? renamed : e.getKey();
            Object v = e.getValue();
            if (v instanceof Boolean bool) b.put(key, bool);
            else if (v instanceof Integer || v instanceof Long || v instanceof Short) b.put(key, ((Number) v).longValue());
            else if (v instanceof Number n) b.put(key, n.doubleValue());
            else if (v != null) b.put(key, v.toString());
        }
    }

    /** {@code exception.type}, {@code exception.message}, {@code exception.stacktrace} of an error event. */
    public static void putException(AttributesBuilder b, TelemetryEvent e) {
        b.put(EXCEPTION_TYPE, e.errorType());
        if (e.errorMessage() != null) b.put(EXCEPTION_MESSAGE, e.errorMessage());
        if (e.errorStack() != null && !e.errorStack().isEmpty()) b.put(EXCEPTION_STACKTRACE, e.errorStack());
    }

    public static void putIds(AttributesBuilder b, TelemetryEvent e) {
        if (e.jobId() != null) b.put(JOB_ID, e.jobId());
        if (e.workerId() != null) b.put(WORKER_ID, e.workerId());
        if (e.machineId() != null) b.put(MACHINE_ID, e.machineId());
        if (e.userId() != null) b.put(USER_ID, e.userId());
    }
}
