package io.emp.telemetry.collector.export.file;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.TelemetryEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON-lines shape of one event: the wire fields (same names) plus where it came from. */
public final class EventJson {
    private EventJson() {
    }

    public static Map<String, Object> of(ConsumedEvent c) {
        TelemetryEvent e = c.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Instant.ofEpochMilli(e.timestamp()).toString());
        m.put(EventFields.TIMESTAMP, e.timestamp());
        m.put(EventFields.SERVICE, e.service());
        m.put(EventFields.EVENT_TYPE, e.eventType());
        m.put(EventFields.TRACE_ID, e.traceId());
        m.put(EventFields.SPAN_ID, e.spanId());
        putIfPresent(m, EventFields.PARENT_SPAN_ID, e.parentSpanId());
        putIfPresent(m, EventFields.JOB_ID, e.jobId());
        putIfPresent(m, EventFields.WORKER_ID, e.workerId());
        putIfPresent(m, EventFields.MACHINE_ID, e.machineId());
        putIfPresent(m, EventFields.USER_ID, e.userId());
        m.put(EventFields.DATA, e.data());
        putIfPresent(m, EventFields.ERROR_TYPE, e.errorType());
        putIfPresent(m, EventFields.ERROR_MESSAGE, e.errorMessage());
        putIfPresent(m, EventFields.ERROR_STACK, e.errorStack());
        m.put("stream", c.stream());
        m.put("entryId", c.entryId());
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) m.put(key, value);
    }
}
