package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of mistake is reported at its exact line and column; the good rules of the file still load. */
class ValidationTest {

    private static String file(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** A valid rule with the given id, to surround broken ones. */
    private static String[] good(String id) {
        return new String[] {
            "  - id: " + id,
            "    type: {glob: \"*Worker\"}",
            "    method: {name: start}",
            "    emit: {enter: worker.starting}",
        };
    }

    private static String withGoodAround(String... broken) {
        List<String> lines = new ArrayList<>();
        lines.add("rules:");
        for (String l : good("good.first")) {
            lines.add(l);
        }
        for (String l : broken) {
            lines.add(l);
        }
        for (String l : good("good.last")) {
            lines.add(l);
        }
        return file(lines.toArray(new String[0]));
    }

    private static RuleProblem onlyProblem(RuleSet set) {
        assertEquals(1, set.problems().size(), set.problems().toString());
        return set.problems().get(0);
    }

    private static void assertGoodRulesLoaded(RuleSet set) {
        assertNotNull(set.rule("good.first"), "rules before the broken one still apply");
        assertNotNull(set.rule("good.last"), "rules after the broken one still apply");
        assertEquals(2, set.rules().size());
    }

    @Test
    void unknownKey() {
        RuleSet set = RuleLoader.parse("rules.yaml", withGoodAround(
                "  - id: broken",               // line 6
                "    type: {glob: \"*Worker\"}",
                "    metod: {name: start}",      // line 8, column 5
                "    emit: {enter: worker.starting}"));
        RuleProblem p = onlyProblem(set);
        assertEquals("rules.yaml:8:5", p.source() + ":" + p.line() + ":" + p.column());
        assertTrue(p.message().contains("unknown key 'metod'"), p.message());
        assertTrue(p.message().contains("did you mean 'method'"), p.message());
        assertTrue(p.toString().startsWith("rules.yaml:8:5: rule 'broken': unknown key 'metod'"), p.toString());
        assertGoodRulesLoaded(set);
    }

    @Test
    void unknownNestedKey() {
        RuleSet set = RuleLoader.parse("r.yaml", withGoodAround(
                "  - id: broken",
                "    type:",
                "      glob: \"*Worker\"",
                "      nmae: x",                  // line 9, column 7
                "    method: {name: start}",
                "    emit: {enter: worker.starting}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(9, p.line());
        assertEquals(7, p.column());
        assertTrue(p.message().contains("unknown key 'nmae' in type"), p.message());
        assertGoodRulesLoaded(set);
    }

    @Test
    void badRegexPointsIntoThePattern() {
        RuleSet set = RuleLoader.parse("r.yaml", withGoodAround(
                "  - id: broken",
                "    type:",
                "      regex: \"com\\\\.acme\\\\.(Foo\"",   // line 8; value starts at column 14, quote included
                "    method: {name: start}",
                "    emit: {enter: worker.starting}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(8, p.line());
        // Quote at 14, pattern from 15; Java reports an unclosed group at the pattern's end (15 characters).
        assertEquals(30, p.column(), p.toString());
        assertTrue(p.message().contains("bad regular expression in type.regex"), p.message());
        assertGoodRulesLoaded(set);
    }

    @Test
    void badPathPointsAtTheOffendingCharacter() {
        RuleSet set = RuleLoader.parse("r.yaml", withGoodAround(
                "  - id: broken",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    attributes:",
                "      model: args[0].payload[model]",  // line 10; value at column 14, '[' of [model] at +15
                "    emit: {enter: worker.starting}"));
        RuleProblem p = onlyProblem(set);
        assertEquals("r.yaml:10:30", p.source() + ":" + p.line() + ":" + p.column());
        assertTrue(p.message().contains("bad path 'args[0].payload[model]' in attributes.model"), p.message());
        assertGoodRulesLoaded(set);
    }

    @Test
    void badPathInQuotedScalarCountsFromInsideTheQuotes() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: broken",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    attributes:",
                "      model: \"selfie.x\"",  // line 6; quote at column 14, 's' at 15
                "    emit: {enter: worker.starting}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(6, p.line());
        assertEquals(15, p.column());
    }

    @Test
    void missingRequiredField() {
        RuleSet set = RuleLoader.parse("r.yaml", withGoodAround(
                "  - id: broken",                  // line 6, mapping starts at column 5
                "    type: {glob: \"*Worker\"}",
                "    emit: {enter: worker.starting}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(6, p.line());
        assertEquals(5, p.column());
        assertTrue(p.message().contains("missing required key 'method'"), p.message());
        assertGoodRulesLoaded(set);
    }

    @Test
    void missingEventName() {
        RuleSet set = RuleLoader.parse("r.yaml", withGoodAround(
                "  - id: broken",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit:",
                "      return:",
                "        channel: \"job:{jobId}:status\""));  // line 11, column 9
        RuleProblem p = onlyProblem(set);
        assertEquals(11, p.line());
        assertEquals(9, p.column());
        assertTrue(p.message().contains("missing required key 'event' in emit.return"), p.message());
    }

    @Test
    void wrongType() {
        RuleSet set = RuleLoader.parse("r.yaml", withGoodAround(
                "  - id: broken",
                "    enabled: maybe",                // line 7, column 14
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start, params: two}",
                "    emit: {enter: worker.starting}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(7, p.line());
        assertEquals(14, p.column());
        assertTrue(p.message().contains("enabled must be true or false but is a string"), p.message());
    }

    @Test
    void returnPathOutsideTheReturnPhase() {
        RuleSet set = RuleLoader.parse("r.yaml", withGoodAround(
                "  - id: broken",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit:",
                "      enter:",
                "        event: worker.starting",
                "        attributes: {size: return.size}"));  // line 12, value at column 28
        RuleProblem p = onlyProblem(set);
        assertEquals(12, p.line());
        assertEquals(28, p.column());
        assertTrue(p.message().contains("'return' is not available in emit.enter.attributes.size"), p.message());
    }

    @Test
    void exceptionPathInRuleWideAttributes() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: broken",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    attributes:",
                "      error: exception.message",
                "    emit: {exception: worker.start_failed}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(6, p.line());
        assertEquals(14, p.column());
        assertTrue(p.message().contains("rule-level values apply to every phase"), p.message());
    }

    @Test
    void argumentIndexBeyondTheMatchedParameters() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: broken",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: claimJob, params: 1}",
                "    correlation:",
                "      jobId: args[1].id",
                "    emit: {enter: job.claiming}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(6, p.line());
        assertEquals(14, p.column());
        assertTrue(p.message().contains("args[1] in correlation.jobId is out of range"), p.message());
    }

    @Test
    void unknownChannelPlaceholder() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: broken",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: report}",
                "    emit:",
                "      enter:",
                "        event: job.progress_updated",
                "        channel: job:{jobid}:status"));  // line 8, value column 18, '{' at +4
        RuleProblem p = onlyProblem(set);
        assertEquals("r.yaml:8:22", p.source() + ":" + p.line() + ":" + p.column());
        assertTrue(p.message().contains("unknown placeholder {jobid}"), p.message());
    }

    @Test
    void badEventNameProbabilityAndRate() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: a",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit: {enter: started}",
                "  - id: b",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit: {enter: worker.starting}",
                "    sampling: {probability: 1.5}",
                "  - id: c",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit: {enter: worker.starting}",
                "    sampling: {maxPerSecond: -1}"));
        assertEquals(3, set.problems().size(), set.problems().toString());
        assertEquals(5, set.problems().get(0).line());
        assertTrue(set.problems().get(0).message().contains("must look like entity.action"));
        assertEquals(10, set.problems().get(1).line());
        assertTrue(set.problems().get(1).message().contains("between 0 and 1"), set.problems().get(1).message());
        assertEquals(15, set.problems().get(2).line());
        assertTrue(set.rules().isEmpty());
    }

    @Test
    void duplicateIdsAreReportedAndTheSecondIsSkipped() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: same",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit: {enter: worker.starting}",
                "  - id: same",                         // line 6, id value at column 9
                "    type: {glob: \"*Worker\"}",
                "    method: {name: stop}",
                "    emit: {enter: worker.stopping}"));
        RuleProblem p = onlyProblem(set);
        assertEquals("r.yaml:6:9", p.source() + ":" + p.line() + ":" + p.column());
        assertTrue(p.message().contains("duplicate rule id 'same' (first declared at r.yaml:2)"), p.message());
        assertEquals(1, set.rules().size());
        assertEquals("worker.starting", set.rules().get(0).event(Phase.ENTER).eventType());
    }

    @Test
    void yamlSyntaxErrorIsOneProblemForTheFile() {
        RuleSet set = RuleLoader.parse("broken.yaml", file(
                "rules:",
                "  - id: a",
                "    type: {glob: \"*Worker\"",          // unclosed flow mapping
                "    method: {name: start}"));
        RuleProblem p = onlyProblem(set);
        assertEquals("broken.yaml:3:27: YAML syntax error: while parsing a flow mapping; expected ',' or '}', but got "
                + "<scalar>", p.toString());
        assertTrue(set.rules().isEmpty());
    }

    @Test
    void duplicateYamlKeyIsReported() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: a",
                "    type: {glob: \"*Worker\"}",
                "    type: {glob: \"*Other\"}"));
        RuleProblem p = onlyProblem(set);
        assertEquals(4, p.line());
        assertEquals(5, p.column());
        assertTrue(p.message().contains("duplicate key 'type'"), p.message());
    }

    @Test
    void topLevelMistakes() {
        assertEquals("r.yaml:1:1: unknown key 'rulez' in a rule file (did you mean 'rules'?); allowed: version, rules",
                onlyProblem(RuleLoader.parse("r.yaml", "rulez: []\n")).toString());
        assertEquals("r.yaml:1:1: missing required key 'rules' in a rule file",
                onlyProblem(RuleLoader.parse("r.yaml", "version: 1\n")).toString());
        RuleProblem notAList = onlyProblem(RuleLoader.parse("r.yaml", "rules: nothing\n"));
        assertEquals(1, notAList.line());
        assertEquals(8, notAList.column());
        assertTrue(RuleLoader.parse("empty.yaml", "# only a comment\n").problems().isEmpty());
        assertTrue(RuleLoader.parse("null.yaml", null).problems().isEmpty());
    }

    @Test
    void disabledRulesAreValidatedButNotApplied() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: off",
                "    enabled: false",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit: {enter: worker.starting}",
                "  - id: off-and-broken",
                "    enabled: false",
                "    type: {glob: \"*Worker\"}",
                "    method: {name: start}",
                "    emit: {enter: worker.starting, leave: x.y}"));
        assertTrue(set.rules().isEmpty());
        RuleProblem p = onlyProblem(set);
        assertEquals(11, p.line());
    }

    @Test
    void conditionNeedsExactlyOneComparison() {
        RuleSet set = RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: both",
                "    type: {glob: '*Worker'}",
                "    method: {name: failJob}",
                "    emit:",
                "      return:",
                "        event: job.failed",
                "        when: {path: return.status, equals: A, notEquals: B}",   // line 8, mapping at column 15
                "  - id: typo",
                "    type: {glob: '*Worker'}",
                "    method: {name: failJob}",
                "    emit:",
                "      return:",
                "        event: job.failed",
                "        when: {path: return.status, equal: A}"));               // line 15, key at column 37
        assertEquals(2, set.problems().size(), set.problems().toString());
        assertEquals("r.yaml:8:15: rule 'both': emit.return.when needs exactly one of 'equals' or 'notEquals'; "
                + "rule skipped", set.problems().get(0).toString());
        assertEquals(15, set.problems().get(1).line());
        assertEquals(37, set.problems().get(1).column());
        assertTrue(set.problems().get(1).message().contains("did you mean 'equals'"));
    }

    @Test
    void unquotedBracketsInAFlowCollectionGetAHint() {
        RuleProblem p = onlyProblem(RuleLoader.parse("r.yaml", file(
                "rules:",
                "  - id: a",
                "    type: {glob: '*Worker'}",
                "    method: {name: start}",
                "    correlation: {jobId: args[0].id}",
                "    emit: {enter: a.b}")));
        assertEquals(5, p.line());
        assertTrue(p.message().endsWith("(hint: inside [ ] or { } quote paths that contain brackets, e.g. "
                + "[\"args[0].id\"])"), p.message());
    }
}
