package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.AttributesBuilder;

import java.util.Map;

/** Event fields and data as OTLP attributes (numbers and booleans keep their type). */
public final class EventAttributes {
    public static final String EVENT_NAME = "event.name";
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
            Object v = e.getValue();
            if (v instanceof Boolean bool) b.put(e.getKey(), bool);
            else if (v instanceof Integer || v instanceof Long || v instanceof Short) b.put(e.getKey(), ((Number) v).longValue());
            else if (v instanceof Number n) b.put(e.getKey(), n.doubleValue());
            else if (v != null) b.put(e.getKey(), v.toString());
        }
    }

    public static void putIds(AttributesBuilder b, TelemetryEvent e) {
        if (e.jobId() != null) b.put(JOB_ID, e.jobId());
        if (e.workerId() != null) b.put(WORKER_ID, e.workerId());
        if (e.machineId() != null) b.put(MACHINE_ID, e.machineId());
        if (e.userId() != null) b.put(USER_ID, e.userId());
    }
}
