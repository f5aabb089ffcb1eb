package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.agent.rules.match.NameMatcher;
import io.emp.telemetry.collector.reactions.actions.Action;
import io.emp.telemetry.collector.reactions.match.Condition;
import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.match.TypeMatcher;
import io.emp.telemetry.collector.reactions.delivery.DerivedEvents;

import java.util.List;
import java.util.regex.Pattern;

/** One compiled reaction ({@code enabled: false} ones are checked, then left out): which events ({@code on}, {@code service}, {@code where}) and what to do ({@code actions}). */
public record Reaction(String id, String description, boolean enabled, TypeMatcher on, List<NameMatcher> services, List<Condition> where,
                       List<Action> actions) {

    public boolean matches(EventContext ctx) {
        if (!on.matches(ctx.event().eventType())) return false;
        // Never react to what this reaction itself wrote back (an emit of a type it listens to).
        if (id.equals(ctx.event().data().get(DerivedEvents.REACTION_ID))) return false;
        if (!services.isEmpty()) {
            String s = ctx.event().service();
            if (s == null || services.stream().noneMatch(p -> p.matches(s))) return false;
        }
        return Condition.all(where, ctx.forReaction(id));
    }
}
