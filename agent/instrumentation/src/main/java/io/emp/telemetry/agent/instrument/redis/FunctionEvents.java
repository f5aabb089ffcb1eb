package io.emp.telemetry.agent.instrument.redis;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

/**
 * The {@code redis_function.*} (FCALL) and {@code redis_script.*} (EVAL, EVALSHA) events: {@code executing} on
 * entry, {@code completed} with the duration and the reply's size, {@code failed} (to the errors stream) with the
 * error. With the default {@link EmptyResultPolicy#SUPPRESS}, {@code executing} waits for the reply and a call
 * with an empty reply sends nothing (it is counted instead).
 */
final class FunctionEvents {
    static final String EXECUTING = "redis_function.executing";
    static final String COMPLETED = "redis_function.completed";
    static final String FAILED = "redis_function.failed";
    static final String SCRIPT_EXECUTING = "redis_script.executing";
    static final String SCRIPT_COMPLETED = "redis_script.completed";
    static final String SCRIPT_FAILED = "redis_script.failed";

    private final AgentRuntime runtime;
    private final EmptyResultPolicy policy;
    private final SuppressedCalls suppressed;

    FunctionEvents(AgentRuntime runtime, EmptyResultPolicy policy, SuppressedCalls suppressed) {
        this.runtime = runtime;
        this.policy = policy;
        this.suppressed = suppressed;
    }

    void entered(FunctionCall call) {
        if (policy == EmptyResultPolicy.RECORD) runtime.emit(call.span, executing(call));
    }

    void completed(FunctionCall call, int resultSize) {
        if (resultSize == 0 && policy == EmptyResultPolicy.SUPPRESS) {
            suppressed.suppressed();
            return;
        }
        if (policy == EmptyResultPolicy.SUPPRESS) runtime.emit(call.span, executing(call).timestamp(call.startMillis));
        runtime.emit(call.span, describe(runtime.endEvent(call.operation.script ? SCRIPT_COMPLETED : COMPLETED, call.span), call)
                .attribute(call.operation.script ? Attributes.REDIS_SCRIPT_RESULT_SIZE : Attributes.REDIS_FUNCTION_RESULT_SIZE,
                        resultSize));
        suppressed.reportIfDue();
    }

    void failed(FunctionCall call, Throwable error) {
        if (policy == EmptyResultPolicy.SUPPRESS) runtime.emit(call.span, executing(call).timestamp(call.startMillis));
        runtime.emit(call.span, describe(runtime.endEvent(call.operation.script ? SCRIPT_FAILED : FAILED, call.span), call)
                .attribute(Attributes.ERROR_TYPE, error.getClass().getName())
                .error(error));
    }

    /** Calls whose events were suppressed so far. */
    long suppressedCount() {
        return suppressed.total();
    }

    private TelemetryEvent.Builder executing(FunctionCall call) {
        return describe(runtime.event(call.operation.script ? SCRIPT_EXECUTING : EXECUTING), call);
    }

    private static TelemetryEvent.Builder describe(TelemetryEvent.Builder event, FunctionCall call) {
        event.attribute(Attributes.DB_SYSTEM_NAME, "redis")
                .attribute(Attributes.DB_OPERATION_NAME, call.operation.name());
        if (call.pipelined) event.attribute(Attributes.REDIS_PIPELINED, true);
        if (call.operation.script) {
            return event.attribute(Attributes.REDIS_SCRIPT_SHA1, call.function)
                    .attribute(Attributes.REDIS_SCRIPT_KEY_COUNT, call.keyCount)
                    .attribute(Attributes.REDIS_SCRIPT_ARG_COUNT, call.argCount);
        }
        return event.attribute(Attributes.DB_STORED_PROCEDURE_NAME, call.function)
                .attribute(Attributes.REDIS_FUNCTION_KEY_COUNT, call.keyCount)
                .attribute(Attributes.REDIS_FUNCTION_ARG_COUNT, call.argCount);
    }
}
