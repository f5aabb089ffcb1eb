package io.emp.telemetry.agent.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The outcome of loading rules: the usable rules and everything that was wrong. */
public final class RuleSet {
    private final List<InstrumentationRule> rules;
    private final List<RuleProblem> problems;

    public RuleSet(List<InstrumentationRule> rules, List<RuleProblem> problems) {
        this.rules = Collections.unmodifiableList(new ArrayList<>(rules));
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    public static RuleSet empty() {
        return new RuleSet(Collections.<InstrumentationRule>emptyList(), Collections.<RuleProblem>emptyList());
    }

    /** Valid, enabled rules in file order. */
    public List<InstrumentationRule> rules() {
        return rules;
    }

    /** One entry per broken rule or unreadable file; broken rules are not in {@link #rules()}. */
    public List<RuleProblem> problems() {
        return problems;
    }

    /** The rule with this id, or null. */
    public InstrumentationRule rule(String id) {
        for (InstrumentationRule rule : rules) {
            if (rule.id().equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
