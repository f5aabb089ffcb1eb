package io.emp.telemetry.agent.rules;

import io.emp.telemetry.agent.rules.path.ValueSource;
import io.emp.telemetry.agent.rules.path.ValueFormatter;

/** The rule's sources for the correlation ids; any may be null. */
public final class CorrelationSpec {
    public static final CorrelationSpec NONE = new CorrelationSpec(null, null, null, null);
    private static final int MAX_ID_CHARS = 256;

    private final ValueSource jobId;
    private final ValueSource workerId;
    private final ValueSource machineId;
    private final ValueSource userId;

    public CorrelationSpec(ValueSource jobId, ValueSource workerId, ValueSource machineId, ValueSource userId) {
        this.jobId = jobId;
        this.workerId = workerId;
        this.machineId = machineId;
        this.userId = userId;
    }

    public boolean isEmpty() {
        return jobId == null && workerId == null && machineId == null && userId == null;
    }

    Correlation evaluate(Invocation invocation) {
        if (isEmpty()) {
            return Correlation.EMPTY;
        }
        return new Correlation(id(jobId, invocation), id(workerId, invocation), id(machineId, invocation),
                id(userId, invocation));
    }

    private static String id(ValueSource source, Invocation invocation) {
        if (source == null) {
            return null;
        }
        Object value = source.value(invocation);
        if (value == null) {
            return null;
        }
        // Only value types make ids: an application object's placeholder would put every job in one trace.
        Object formatted = ValueFormatter.scalar(value);
        String id = formatted == null ? null : ValueFormatter.cap(String.valueOf(formatted), MAX_ID_CHARS);
        return id == null || id.isEmpty() ? null : id;
    }
}
