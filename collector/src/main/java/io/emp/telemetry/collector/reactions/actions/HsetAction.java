package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code redis.hset: {key, fields, ttl}}: job state hashes, the worker registry. */
/** Field names may be templates too ({@code "{workerId}": ready}). */
public record HsetAction(Template key, Map<Template, Template> fields, long ttlSeconds) implements Planner {
    @Override
    public Step plan(EventContext ctx) throws Template.MissingValue {
        String k = key.render(ctx);
        List<String> hset = new ArrayList<>(List.of("HSET", k));
        for (Map.Entry<Template, Template> f : fields.entrySet()) {
            hset.add(f.getKey().render(ctx));
            hset.add(f.getValue().render(ctx));
        }
        List<List<String>> commands = new ArrayList<>();
        commands.add(hset);
        if (ttlSeconds > 0) commands.add(List.of("EXPIRE", k, Long.toString(ttlSeconds)));
        return new RedisStep(String.join(" ", hset) + (ttlSeconds > 0 ? " (expires in " + ttlSeconds + "s)" : ""), commands);
    }
}
