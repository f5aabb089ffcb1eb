package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;

import java.util.List;

/** {@code redis.hincrby: {key, field, by}}: usage statistics, e.g. jobs per model. */
public record HincrbyAction(Template key, Template field, Template by) implements Planner {
    @Override
    public Step plan(EventContext ctx) throws Template.MissingValue {
        List<String> cmd = List.of("HINCRBY", key.render(ctx), field.render(ctx), by.render(ctx));
        return new RedisStep(String.join(" ", cmd), List.of(cmd));
    }
}
