package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.yaml.YamlNode;

/** The first thing wrong with a rule; the rule is skipped and this becomes its RuleProblem. */
final class RuleError extends Exception {
    private final int line;
    private final int column;

    RuleError(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    static RuleError at(YamlNode node, String message) {
        return new RuleError(node.line(), node.column(), message);
    }

    static RuleError at(YamlNode.Entry entry, String message) {
        return new RuleError(entry.line(), entry.column(), message);
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
