package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.match.EventContext;
import io.emp.telemetry.collector.reactions.template.Template;

/** The kind-specific half of an action: turns its templates and an event into a {@link Step}. */
@FunctionalInterface
public interface Planner {
    Step plan(EventContext ctx) throws Template.MissingValue;
}
