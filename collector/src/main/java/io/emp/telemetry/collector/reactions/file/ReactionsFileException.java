package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.agent.rules.RuleProblem;

import java.util.List;
import java.util.stream.Collectors;

/** A reactions file with mistakes: every problem, each with file:line:column. The engine does not start on it. */
public final class ReactionsFileException extends Exception {
    private final List<RuleProblem> problems;

    public ReactionsFileException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
