package io.emp.telemetry.agent.instrument.annotations;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteHandler;
import io.emp.telemetry.agent.instrument.SiteCall;
import io.emp.telemetry.agent.rules.Redactor;
import io.emp.telemetry.agent.rules.path.ValueFormatter;
import io.emp.telemetry.schema.EventTypes;
import io.emp.telemetry.schema.TelemetryEvent;

/**
 * {@code @TelemetryEvent("x.y")}: {@code x.y.started} on entry, {@code x.y.completed} on return,
 * {@code x.y_failed} (errors stream, with the exception) on a throw; exit events carry the
 * duration; all in a span of the method's own.
 */
final class AnnotatedMethodHandler implements CallSiteHandler {
    private final AnnotatedSpec spec;
    private final AgentRuntime runtime;
    private final Redactor redactor;

    AnnotatedMethodHandler(AnnotatedSpec spec, AgentRuntime runtime, Redactor redactor) {
        this.spec = spec;
        this.runtime = runtime;
        this.redactor = redactor;
    }

    @Override
    public SiteCall enter(Class<?> origin, Object self, Object[] args) {
        String jobId = jobId(args);
        Span span = Spans.open(origin, jobId);
        TelemetryEvent.Builder started = runtime.event(spec.prefix + ".started").jobId(jobId);
        addAttributes(started, args);
        runtime.emit(span, started);
        return (returned, thrown) -> {
            Spans.close(span);
            String type = thrown == null ? spec.prefix + ".completed" : spec.prefix + EventTypes.FAILED_SUFFIX;
            TelemetryEvent.Builder end = runtime.endEvent(type, span).jobId(jobId).error(thrown);
            addAttributes(end, args);
            runtime.emit(span, end);
        };
    }

    private String jobId(Object[] args) {
        if (spec.jobIdIndex < 0 || args == null || spec.jobIdIndex >= args.length) return null;
        // only value types make ids (an application object's placeholder would merge every job's trace)
        Object value = ValueFormatter.scalar(args[spec.jobIdIndex]);
        return value == null ? null : value.toString();
    }

    private void addAttributes(TelemetryEvent.Builder event, Object[] args) {
        if (args == null) return;
        for (int i = 0; i < spec.attributeNames.length && i < args.length; i++) {
            String name = spec.attributeNames[i];
            if (name == null) continue;
            event.attribute(name, redactor.redact(name, ValueFormatter.format(args[i], redactor)));
        }
    }
}
