package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one call of the {@code Telemetry} facade into a {@link TelemetryEvent} (or a status publish)
 * and hands it to an {@link EventSink}. Has no dependency on the api jar: the agent calls it from
 * its facade binding, {@link FacadeBackend} from an installed backend.
 * <p>
 * Trace placement: each facade event is a point span of its own ({@code spanId} new), child of the
 * current span when the {@link TraceContextSupplier} knows one; else, for job events, child of the
 * job's root span in the job's trace ({@link JobTrace}); else in a new random trace.
 */
public final class FacadeEvents {
    public static final String EVENT = "event";
    public static final String JOB = "job";
    public static final String WORKER = "worker";
    public static final String MACHINE = "machine";
    public static final String STATUS = "status";

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private final EventSink sink;
    private final String service;
    private final TraceContextSupplier contexts;

    public FacadeEvents(EventSink sink, String service, TraceContextSupplier contexts) {
        this.sink = sink;
        this.service = service;
        this.contexts = contexts == null ? TraceContextSupplier.NONE : contexts;
    }

    /** Records one facade call; never throws. */
    public void dispatch(String kind, String correlationId, String type, Map<String, ?> data, Throwable error) {
        try {
            if (type == null) return;
            if (STATUS.equals(kind)) {
                sink.publish(type, data);
            } else {
                sink.emit(toEvent(kind, correlationId, type, data, error));
            }
        } catch (Throwable ignored) {
            // Application thread: never throw.
        }
    }

    /** The event a facade call describes. */
    public TelemetryEvent toEvent(String kind, String correlationId, String type, Map<String, ?> data, Throwable error) {
        TelemetryEvent.Builder b = TelemetryEvent.builder(type)
                .timestamp(System.currentTimeMillis())
                .service(service)
                .spanId(Ids.newSpanId());
        if (correlationId != null) {
            if (JOB.equals(kind)) b.jobId(correlationId);
            else if (WORKER.equals(kind)) b.workerId(correlationId);
            else if (MACHINE.equals(kind)) b.machineId(correlationId);
        }
        String jobId = JOB.equals(kind) ? correlationId : null;
        if (data != null) {
            for (Map.Entry<String, ?> e : data.entrySet()) {
                String key = e.getKey();
                Object value = e.getValue();
                if (key == null || value == null) continue;
                // Correlation ids given as attributes become the entry's own fields (indexable, not buried in data).
                if (EventFields.USER_ID.equals(key)) b.userId(String.valueOf(value));
                else if (EventFields.JOB_ID.equals(key) && !JOB.equals(kind)) b.jobId(jobId = String.valueOf(value));
                else if (EventFields.WORKER_ID.equals(key) && !WORKER.equals(kind)) b.workerId(String.valueOf(value));
                else if (EventFields.MACHINE_ID.equals(key) && !MACHINE.equals(kind)) b.machineId(String.valueOf(value));
                else b.attribute(key, AttributeValues.normalize(key, value));
            }
        }
        placeInTrace(b, jobId);
        if (error != null) b.error(error);
        return b.build();
    }

    private void placeInTrace(TelemetryEvent.Builder b, String jobId) {
        TraceContext current = null;
        try {
            current = contexts.current();
        } catch (Throwable ignored) {
            // A broken supplier must not lose the event.
        }
        if (current != null && current.traceId() != null && TRACE_ID.matcher(current.traceId()).matches()) {
            b.traceId(current.traceId());
            if (current.spanId() != null && SPAN_ID.matcher(current.spanId()).matches()) b.parentSpanId(current.spanId());
        } else if (jobId != null) {
            b.traceId(JobTrace.traceId(jobId)).parentSpanId(JobTrace.rootSpanId(jobId));
        } else {
            b.traceId(Ids.newTraceId());
        }
    }
}
