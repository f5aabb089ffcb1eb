package io.emp.telemetry.collector.reactions.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The reactions' counters in {@code /health} (JSON) and {@code /metrics} (Prometheus text). */
public final class ReactionMetrics {
    private ReactionMetrics() {
    }

    public static Map<String, Object> json(ReactionStats stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        stats.all().forEach((id, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("matched", c.matched.sum());
            m.put("executed", c.executed.sum());
            m.put("failed", c.failed.sum());
            m.put("retried", c.retried.sum());
            m.put("deadLettered", c.deadLettered.sum());
            m.put("skipped", c.skipped.sum());
            m.put("latencyP50Ms", c.latencyQuantile(0.5));
            m.put("latencyP99Ms", c.latencyQuantile(0.99));
            out.put(id, m);
        });
        return out;
    }

    public static void prometheus(StringBuilder sb, ReactionStats stats) {
        counter(sb, stats, "emp_collector_reactions_matched_total", "Events a reaction matched", c -> c.matched.sum());
        counter(sb, stats, "emp_collector_reactions_executed_total", "Reaction runs whose actions all succeeded", c -> c.executed.sum());
        counter(sb, stats, "emp_collector_reactions_failed_total", "Reaction runs ended by an action that failed beyond its attempts", c -> c.failed.sum());
        counter(sb, stats, "emp_collector_reactions_retried_total", "Action attempts retried after a failure", c -> c.retried.sum());
        counter(sb, stats, "emp_collector_reactions_deadlettered_total", "Entries written to the reactions dead-letter stream", c -> c.deadLettered.sum());
        counter(sb, stats, "emp_collector_reactions_skipped_total", "Actions skipped because a template had no value", c -> c.skipped.sum());
        String name = "emp_collector_reaction_latency_ms";
        sb.append("# HELP ").append(name).append(" Event time to the reaction's last action, recent runs\n");
        sb.append("# TYPE ").append(name).append(" summary\n");
        stats.all().forEach((id, c) -> {
            for (double q : new double[]{0.5, 0.99}) {
                sb.append(name).append("{reaction=\"").append(id).append("\",quantile=\"").append(q).append("\"} ")
                        .append(c.latencyQuantile(q)).append('\n');
            }
        });
    }

    private static void counter(StringBuilder sb, ReactionStats stats, String name, String help,
                                ToLongFunction<ReactionStats.Counters> value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        stats.all().forEach((id, c) -> sb.append(name).append("{reaction=\"").append(id).append("\"} ")
                .append(value.applyAsLong(c)).append('\n'));
    }
}
