package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;
import io.emp.telemetry.collector.reactions.template.ValueTemplate;

import java.util.List;

/** {@code redis.publish: {channel, message}}: UI and user notifications; a structured message is sent as JSON. */
public record PublishAction(Template channel, ValueTemplate message) implements Planner {
    @Override
    public Step plan(EventContext ctx) throws Template.MissingValue {
        Object m = message.render(ctx);
        String text = m instanceof String s ? s : Json.write(m);
        List<String> cmd = List.of("PUBLISH", channel.render(ctx), text);
        return new RedisStep("PUBLISH " + cmd.get(1) + " " + text, List.of(cmd));
    }
}
