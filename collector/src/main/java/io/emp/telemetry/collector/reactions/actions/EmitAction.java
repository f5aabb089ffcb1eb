package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.delivery.DerivedEvents;
import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;
import io.emp.telemetry.collector.reactions.template.ValueTemplate;
import io.emp.telemetry.schema.TelemetryEvent;

import java.util.List;
import java.util.Map;

/** {@code emit: {event, data}}: a derived event (e.g. {@code job.retry_scheduled}) onto the events stream, in the job's trace. */
public record EmitAction(String eventType, ValueTemplate.MapOf data, DerivedEvents events) implements Planner {
    @Override
    public Step plan(EventContext ctx) throws Template.MissingValue {
        Map<String, Object> values = data.render(ctx);
        TelemetryEvent.Builder b = events.derive(eventType, ctx);
        values.forEach((k, v) -> b.attribute(k, v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
        TelemetryEvent e = b.build();
        return new RedisStep("XADD " + events.stream() + " " + eventType + " " + e.data(), List.of(events.xadd(e)));
    }
}
