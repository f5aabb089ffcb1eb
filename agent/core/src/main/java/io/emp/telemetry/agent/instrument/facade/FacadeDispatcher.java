package io.emp.telemetry.agent.instrument.facade;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.emit.AttributeValues;
import io.emp.telemetry.agent.instrument.AgentBridgeHandler;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.Map;

/**
 * Takes facade calls for the agent. Each event is a span of its own, placed like a call that names
 * its job on entry (the job's trace, linking to the calling span when that is in another trace;
 * else a child of the thread's current span or of the application's OpenTelemetry span), and goes
 * through {@link AgentRuntime} like every other event. {@code status} calls go to Pub/Sub as given.
 */
public final class FacadeDispatcher implements AgentBridgeHandler.FacadeTarget {
    static final String JOB = "job";
    static final String WORKER = "worker";
    static final String MACHINE = "machine";
    static final String STATUS = "status";

    private final AgentRuntime runtime;

    public FacadeDispatcher(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean dispatch(Class<?> origin, String kind, String id, String type, Map<String, ?> data, Throwable error) {
        if (type == null) return true;
        if (STATUS.equals(kind)) {
            runtime.publish(type, data);
            return true;
        }
        TelemetryEvent.Builder event = runtime.event(type);
        String jobId = JOB.equals(kind) ? id : null;
        if (id != null) {
            if (JOB.equals(kind)) event.jobId(id);
            else if (WORKER.equals(kind)) event.workerId(id);
            else if (MACHINE.equals(kind)) event.machineId(id);
        }
        if (data != null) {
            for (Map.Entry<String, ?> e : data.entrySet()) {
                String key = e.getKey();
                Object value = e.getValue();
                if (key == null || value == null) continue;
                // Correlation ids given as attributes become the entry's own fields (indexable, not buried in data).
                if (EventFields.USER_ID.equals(key)) event.userId(String.valueOf(value));
                else if (EventFields.JOB_ID.equals(key) && !JOB.equals(kind)) event.jobId(jobId = String.valueOf(value));
                else if (EventFields.WORKER_ID.equals(key) && !WORKER.equals(kind)) event.workerId(String.valueOf(value));
                else if (EventFields.MACHINE_ID.equals(key) && !MACHINE.equals(kind)) event.machineId(String.valueOf(value));
                else event.attribute(key, AttributeValues.normalize(key, value));
            }
        }
        if (error != null) event.error(error);
        Span span = Spans.event(origin, jobId);
        runtime.emit(span, event);
        return true;
    }
}
