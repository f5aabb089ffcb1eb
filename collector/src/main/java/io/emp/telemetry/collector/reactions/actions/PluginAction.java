package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.spi.ActionContext;
import io.emp.telemetry.collector.reactions.spi.ReactionAction;
import io.emp.telemetry.collector.reactions.template.Template;

import java.util.Map;

/** A custom action from a plugin jar: checked before and recorded after, like a webhook. */
public record PluginAction(String name, ReactionAction action) implements Planner {
    @Override
    public Step plan(EventContext ctx) {
        return new Step() {
            private ActionContext context(String marker) {
                return new PluginContext(ctx, marker);
            }

            @Override
            public String describe() {
                return name + ": " + action.describe(context("(dry run)"));
            }

            @Override
            public boolean run(ActionRuntime runtime, String marker) throws Exception {
                if (runtime.idempotency().done(marker)) return false;
                action.execute(context(marker));
                runtime.idempotency().record(marker);
                return true;
            }
        };
    }

    private record PluginContext(EventContext ctx, String idempotencyKey) implements ActionContext {
        @Override
        public String reactionId() {
            return ctx.reactionId();
        }

        @Override
        public String entryId() {
            return ctx.entryId();
        }

        @Override
        public Map<String, Object> event() {
            return ctx.describe();
        }

        @Override
        public String render(String template) {
            try {
                return Template.parse(template).render(ctx);
            } catch (Exception e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
