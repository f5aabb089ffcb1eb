package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.delivery.RetryPolicy;
import io.emp.telemetry.collector.reactions.match.Condition;

import java.util.List;

/**
 * One action of a reaction as compiled from the file.
 *
 * @param id      unique within the reaction (given, or {@code <index>-<kind>}); part of the idempotency key
 * @param kind    {@code redis.hset}, {@code webhook}, a plugin's name …
 * @param when    conditions that must hold for this action to run
 * @param retry   attempts and back-off for this action
 * @param planner fills the action in for an event
 */
public record Action(String id, String kind, List<Condition> when, RetryPolicy retry, Planner planner) {
}
