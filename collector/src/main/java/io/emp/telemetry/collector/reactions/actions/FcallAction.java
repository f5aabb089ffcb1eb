package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;

import java.util.ArrayList;
import java.util.List;

/** {@code redis.fcall: {function, keys, args}}: a Redis function, e.g. re-queue a job with a delay. */
public record FcallAction(String function, List<Template> keys, List<Template> args) implements Planner {
    @Override
    public Step plan(EventContext ctx) throws Template.MissingValue {
        String[] k = render(keys, ctx);
        String[] a = render(args, ctx);
        String text = "FCALL " + function + " " + k.length + (k.length > 0 ? " " + String.join(" ", k) : "")
                + (a.length > 0 ? " " + String.join(" ", a) : "");
        return new Step() {
            @Override
            public String describe() {
                return text;
            }

            @Override
            public boolean run(ActionRuntime runtime, String marker) {
                return runtime.idempotency().fcallOnce(marker, function, k, a);
            }
        };
    }

    private static String[] render(List<Template> ts, EventContext ctx) throws Template.MissingValue {
        List<String> out = new ArrayList<>(ts.size());
        for (Template t : ts) out.add(t.render(ctx));
        return out.toArray(String[]::new);
    }
}
