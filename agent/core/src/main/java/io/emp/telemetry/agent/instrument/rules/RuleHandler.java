package io.emp.telemetry.agent.instrument.rules;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.context.Spans;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteHandler;
import io.emp.telemetry.agent.instrument.SiteCall;
import io.emp.telemetry.agent.rules.Correlation;
import io.emp.telemetry.agent.rules.EventSpec;
import io.emp.telemetry.agent.rules.InstrumentationRule;
import io.emp.telemetry.agent.rules.Invocation;
import io.emp.telemetry.agent.rules.Phase;
import io.emp.telemetry.agent.rules.PhaseSpec;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.Map;

/**
 * One rule at run time. {@link #active()}: the sampling decision, before the advice builds the
 * argument array. Entry: a span and the entry event. Exit: the return or exception event, with the
 * duration; exception events carry the error and go to the errors stream. An event whose rule
 * names a channel goes to Pub/Sub instead of a stream. A phase's {@code then} follow-ups are written right after
 * its event, in the same span.
 * <p>
 * Placement: a call whose job id is known on entry opens its span in the job's trace; one that
 * names no job on entry but has an exit event may learn it from the return value, so its span is
 * pending ({@link Spans#openPending}) and settles when the call ends, with whatever job it named.
 */
final class RuleHandler implements CallSiteHandler {
    private final InstrumentationRule rule;
    private final AgentRuntime runtime;
    private final boolean hasExitEvent;

    RuleHandler(InstrumentationRule rule, AgentRuntime runtime) {
        this.rule = rule;
        this.runtime = runtime;
        this.hasExitEvent = rule.event(Phase.RETURN) != null || rule.event(Phase.EXCEPTION) != null;
    }

    @Override
    public boolean active() {
        return rule.sample();
    }

    @Override
    public SiteCall enter(Class<?> origin, Object self, Object[] args) {
        Invocation invocation = new Invocation(self, args);
        Correlation atEntry = rule.correlation(invocation);
        Span span = atEntry.jobId() == null && hasExitEvent
                ? Spans.openPending(origin)
                : Spans.open(origin, atEntry.jobId());
        sendAll(Phase.ENTER, invocation, span, atEntry);
        return (returned, thrown) -> {
            Spans.close(span);
            invocation.complete(returned, thrown);
            Phase phase = thrown == null ? Phase.RETURN : Phase.EXCEPTION;
            // paths on `return` only yield now; what was known at entry still counts
            Correlation ids = rule.correlation(invocation).orElse(atEntry);
            Spans.settle(span, ids.jobId());
            sendAll(phase, invocation, span, ids);
        };
    }

    /** The phase's event and its {@code then} follow-ups, in order, each under its own condition, all in {@code span}. */
    private void sendAll(Phase phase, Invocation invocation, Span span, Correlation ids) {
        for (PhaseSpec next = rule.phase(phase); next != null; next = next.then()) {
            if (rule.emits(next, invocation)) send(phase, next, invocation, span, ids);
        }
    }

    private void send(Phase phase, PhaseSpec phaseSpec, Invocation invocation, Span span, Correlation ids) {
        EventSpec spec = phaseSpec.event();
        Map<String, Object> attributes = rule.attributes(phaseSpec, invocation);
        TelemetryEvent.Builder event = phase == Phase.ENTER
                ? runtime.event(spec.eventType())
                : runtime.endEvent(spec.eventType(), span);
        event.data(attributes)
                .jobId(ids.jobId())
                .workerId(ids.workerId())
                .machineId(ids.machineId())
                .userId(ids.userId());
        if (phase == Phase.EXCEPTION) event.error(invocation.thrown());
        if (spec.isPubSub()) {
            runtime.publish(spec.resolveChannel(ids, attributes), span, event);
        } else {
            runtime.emit(span, event);
        }
    }
}
