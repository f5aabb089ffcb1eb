package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.match.BoundedRegex;
import java.time.Duration;
import java.util.regex.Pattern;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * Issue 13.4, loading side: rules that would hurt the host are refused at file:line:column, the rest of the file
 * still loads. Each of these rules loaded (or hung start-up) before.
 */
class RuleSafetyTest {
    private static RuleSet load(String... lines) {
        return RuleLoader.parse("hostile.yaml", String.join("\n", lines) + "\n");
    }

    private static RuleProblem only(RuleSet set) {
        assertEquals(1, set.problems().size(), set.problems().toString());
        return set.problems().get(0);
    }

    private static String rule(String id, String type) {
        return String.join("\n", "  - id: " + id, "    type: " + type, "    method: {name: run}",
                "    attributes: {self: this}", "    emit: {enter: x.y}");
    }

    @Test
    void aRuleOnEveryClassIsRefusedUnlessAllowed() {
        RuleProblem p = only(load("rules:", rule("all", "{glob: \"*\"}"), rule("ok", "{glob: \"com.acme.*\"}")));
        assertEquals("hostile.yaml:3:18", p.source() + ":" + p.line() + ":" + p.column(), p.toString());
        assertTrue(p.message().contains("matches every class") && p.message().contains("allowAllTypes: true"),
                p.message());
        assertEquals(1, load("rules:", rule("all", "{regex: \".*\"}")).problems().size());
        assertEquals(1, load("rules:", rule("all", "{glob: [\"com.acme.*\", \"**\"]}")).problems().size());

        RuleSet allowed = load("rules:", rule("all", "{glob: \"*\", allowAllTypes: true}"));
        assertTrue(allowed.problems().isEmpty(), allowed.problems().toString());
        RuleSet narrowed = load("rules:", rule("all", "{glob: \"*\", implements: \"*Connector\"}"),
                rule("suffix", "{glob: \"*Worker\"}"));
        assertTrue(narrowed.problems().isEmpty(), narrowed.problems().toString());
    }

    @Test
    void rulesOnJdkCoreTypesAreRefusedUnlessAllowed() {
        RuleSet set = load("rules:", rule("string", "{name: java.lang.String}"),
                rule("map", "{name: [com.acme.A, java.util.HashMap]}"), rule("glob", "{glob: \"java.util.*\"}"),
                rule("regex", "{regex: \"java\\\\.lang\\\\..*\"}"), rule("fine", "{name: com.acme.Fine}"));
        assertEquals(4, set.problems().size(), set.problems().toString());
        RuleProblem string = set.problems().get(0);
        assertEquals(3, string.line());
        assertEquals(18, string.column());
        assertTrue(string.message().contains("'java.lang.String' is a JDK class")
                && string.message().contains("allowJdkTypes: true"), string.message());
        RuleProblem map = set.problems().get(1);
        assertEquals(8, map.line());
        assertEquals(31, map.column(), map.toString());
        assertNotNull(set.rule("fine"));

        RuleSet allowed = load("rules:", rule("string", "{name: java.lang.String, allowJdkTypes: true}"));
        assertTrue(allowed.problems().isEmpty(), allowed.problems().toString());
        assertTrue(allowed.rules().get(0).namesJdkType());
    }

    @Test
    void aJdkSupertypeWithoutOptInSelectsOnlyApplicationTypes() {
        InstrumentationRule rule = load("rules:", rule("runnables", "{subtypeOf: java.lang.Runnable}")).rules().get(0);
        assertFalse(rule.namesJdkType());
        assertTrue(rule.typeMatcher().matches(TypeDescription.ForLoadedType.of(Thread.class)),
                "the matcher alone matches; the agent keeps JDK classes out because namesJdkType is false");
    }

    @Test
    void aCatastrophicRegexIsRefusedQuicklyAndStartUpGoesOn() {
        RuleSet set = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> load("rules:",
                rule("redos", "{regex: \"((.*)*)*!\"}"), rule("redos2", "{glob: \"com.*\", regex: \"((a+)+)+b\"}"),
                "  - id: m", "    type: {glob: \"com.acme.*\"}", "    method: {regex: \"((\\\\w+)*)*x\"}",
                "    emit: {enter: x.y}", rule("ok", "{glob: \"com.acme.*\"}")));
        assertEquals(3, set.problems().size(), set.problems().toString());
        RuleProblem p = set.problems().get(0);
        assertEquals(3, p.line());
        assertEquals(19, p.column());
        assertTrue(p.message().contains("backtracks catastrophically"), p.message());
        assertNotNull(set.rule("ok"));
    }

    @Test
    void aRegexThatPassedLoadingIsStillBoundedWhenMatching() {
        BoundedRegex regex = new BoundedRegex(Pattern.compile("((x+)+)+y"));
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            name.append('x');
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertFalse(regex.matches(name.toString())));
        assertEquals(1, regex.abandoned());
        assertTrue(new BoundedRegex(Pattern.compile("com\\.acme\\..*Connector")).matches("com.acme.ImageConnector"));
    }

    @Test
    void aHugePathIsRejectedWithAMessage() {
        StringBuilder path = new StringBuilder("args[0]");
        for (int i = 0; i < 150_000; i++) {
            path.append(".a");
        }
        RuleSet set = load("rules:", "  - id: long", "    type: {glob: \"com.acme.*\"}", "    method: {name: run}",
                "    attributes:", "      x: " + path, "    emit: {enter: x.y}");
        RuleProblem p = only(set);
        assertEquals(6, p.line());
        assertEquals(10, p.column());
        assertTrue(p.message().contains("300007 characters long; at most 512"), p.message());
        assertTrue(p.message().length() < 400, "the path is not echoed in full");
    }

    @Test
    void tooManyAlternativesAreRejected() {
        StringBuilder alternatives = new StringBuilder("[");
        for (int i = 0; i < 17; i++) {
            alternatives.append(i == 0 ? "" : ", ").append("this.a").append(i);
        }
        RuleSet set = load("rules:", "  - id: alt", "    type: {glob: \"com.acme.*\"}", "    method: {name: run}",
                "    attributes:", "      x: " + alternatives + "]", "    emit: {enter: x.y}");
        assertTrue(only(set).message().contains("at most 16"), only(set).message());
    }
}
