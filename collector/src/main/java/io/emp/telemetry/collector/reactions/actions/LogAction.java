package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;

import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code log: {message, level}}: a line in the collector's log (repeated on redelivery: logs are not state). */
public record LogAction(Template message, Level level) implements Planner {
    private static final Logger LOG = Logger.getLogger("io.emp.telemetry.collector.reactions");

    @Override
    public Step plan(EventContext ctx) throws Template.MissingValue {
        String text = "reaction " + ctx.reactionId() + ": " + message.render(ctx);
        return new Step() {
            @Override
            public String describe() {
                return "LOG " + level.getName() + " " + text;
            }

            @Override
            public boolean run(ActionRuntime runtime, String marker) {
                LOG.log(level, text);
                return true;
            }
        };
    }
}
