package io.emp.telemetry.collector.reactions.delivery;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Events the engine writes back onto the events stream ({@code emit} actions, {@code reaction.executed},
 * {@code reaction.failed}), in the wire schema of agent/event-schema: in the job's trace when the trigger names a
 * job (so {@code timeline} shows them), else in the trigger's trace, as children of the trigger's span, carrying
 * the trigger's correlation ids and {@code reaction.id}.
 */
public final class DerivedEvents {
    public static final String REACTION_ID = "reaction.id";

    private final String stream;
    private final long maxLen;
    private final String service;

    public DerivedEvents(String stream, long maxLen, String service) {
        this.stream = stream;
        this.maxLen = maxLen;
        this.service = service;
    }

    public TelemetryEvent.Builder derive(String eventType, EventContext ctx) {
        TelemetryEvent t = ctx.event();
        String trace = t.jobId() != null ? JobTrace.traceId(t.jobId()) : t.traceId();
        String parent = t.jobId() != null && !trace.equals(t.traceId()) ? JobTrace.rootSpanId(t.jobId()) : t.spanId();
        return TelemetryEvent.builder(eventType).timestamp(System.currentTimeMillis()).service(service)
                .traceId(trace).spanId(spanId()).parentSpanId(parent)
                .jobId(t.jobId()).workerId(t.workerId()).machineId(t.machineId()).userId(t.userId())
                .attribute(REACTION_ID, ctx.reactionId())
                .attribute("reaction.trigger", t.eventType())
                .attribute("reaction.entry", ctx.entryId());
    }

    /** {@code XADD <stream> MAXLEN ~ n * field value …} for the event. */
    public List<String> xadd(TelemetryEvent e) {
        List<String> cmd = new ArrayList<>(List.of("XADD", stream, "MAXLEN", "~", Long.toString(maxLen), "*"));
        for (Map.Entry<String, String> f : EventCodec.encode(e).entrySet()) {
            cmd.add(f.getKey());
            cmd.add(f.getValue());
        }
        return cmd;
    }

    public String stream() {
        return stream;
    }

    private static String spanId() {
        long v;
        do {
            v = ThreadLocalRandom.current().nextLong();
        } while (v == 0);
        return String.format("%016x", v);
    }
}
