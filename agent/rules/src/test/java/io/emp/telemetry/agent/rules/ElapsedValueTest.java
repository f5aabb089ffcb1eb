package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code {elapsedMs: {from, to}}} value: milliseconds between two times read from the call. */
class ElapsedValueTest {
    private static String rule(String value) {
        return String.join("\n",
                "rules:",
                "  - id: t.wait",
                "    type: {name: com.acme.Queue}",
                "    method: {name: take}",
                "    emit:",
                "      return:",
                "        event: job.taken",
                "        attributes:",
                "          waitMs: " + value,
                "");
    }

    private static InstrumentationRule only(String value) {
        RuleSet set = RuleLoader.parse("wait.yaml", rule(value));
        assertEquals(Collections.emptyList(), set.problems());
        return set.rules().get(0);
    }

    private static RuleProblem problem(String value) {
        RuleSet set = RuleLoader.parse("wait.yaml", rule(value));
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertTrue(set.rules().isEmpty());
        return set.problems().get(0);
    }

    private static Object waitOf(InstrumentationRule rule, Object returned) {
        Invocation call = new Invocation(null, new Object[0]);
        call.complete(returned, null);
        return rule.attributes(Phase.RETURN, call).get("waitMs");
    }

    private static Map<String, Object> times(Object from, Object to) {
        Map<String, Object> m = new HashMap<>();
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    @Test
    void millisecondsBetweenNumbersNumericTextInstantsAndDates() {
        InstrumentationRule rule = only("{elapsedMs: {from: return.from, to: return.to}}");
        assertEquals(250L, waitOf(rule, times(1_000L, 1_250L)));
        assertEquals(250L, waitOf(rule, times(1_000, 1_250)));
        assertEquals(250L, waitOf(rule, times("1000", " 1250 ")), "a Redis hash returns numbers as text");
        assertEquals(250L, waitOf(rule, times(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(1_250))));
        assertEquals(250L, waitOf(rule, times(new Date(1_000), 1_250L)));
        assertEquals(0L, waitOf(rule, times(1_000L, 1_000L)));
    }

    @Test
    void absentWhenTheStartIsMissingOrNotATimeOrTheEndIsEarlier() {
        InstrumentationRule rule = only("{elapsedMs: {from: return.from, to: return.to}}");
        assertNull(waitOf(rule, times(null, 1_250L)));
        assertNull(waitOf(rule, times("yesterday", 1_250L)));
        assertNull(waitOf(rule, times(new Object(), 1_250L)));
        assertNull(waitOf(rule, times(2_000L, 1_000L)), "clocks disagreeing say nothing about a wait");
        assertNull(waitOf(rule, null));
    }

    @Test
    void withoutAnEndOrWhenItYieldsNothingTheEndIsNow() {
        long start = System.currentTimeMillis() - 5_000;
        long viaMissingEnd = (Long) waitOf(only("{elapsedMs: {from: return.from, to: return.to}}"), times(start, null));
        assertTrue(viaMissingEnd >= 5_000 && viaMissingEnd < 60_000, Long.toString(viaMissingEnd));
        long viaNoEnd = (Long) waitOf(only("{elapsedMs: {from: return.from}}"), times(start, 1L));
        assertTrue(viaNoEnd >= 5_000 && viaNoEnd < 60_000, Long.toString(viaNoEnd));
    }

    @Test
    void alternativesAreTriedInOrderOnBothEnds() {
        InstrumentationRule rule = only(
                "{elapsedMs: {from: [return.queuedAt, return.createdAt], to: [return.claimedAt, return.startedAt]}}");
        Map<String, Object> job = new HashMap<>();
        job.put("createdAt", 100L);
        job.put("startedAt", 180L);
        assertEquals(80L, waitOf(rule, job));
        job.put("queuedAt", 150L);
        job.put("claimedAt", 175L);
        assertEquals(25L, waitOf(rule, job));
    }

    @Test
    void mistakesAreReportedWithTheirPlace() {
        assertTrue(problem("{elapsedMs: {to: return.to}}").message().contains("missing"),
                problem("{elapsedMs: {to: return.to}}").message());
        assertTrue(problem("{elapsedMs: {from: return.a, until: return.b}}").message().contains("until"));
        assertTrue(problem("{elapsedMs: {from: return.a}, value: 3}").message().contains("not both"));
        assertTrue(problem("{elapsedMs: return.a}").message().contains("elapsedMs"));
        assertTrue(problem("{elapsedMs: {from: {value: 3}}}").message().contains("must be a path"));
        RuleProblem badPath = problem("{elapsedMs: {from: 'return..a'}}");
        assertTrue(badPath.message().contains("bad path"), badPath.message());
        assertEquals(9, badPath.line());
    }

    @Test
    void rootsAreCheckedLikeAnyValue() {
        String yaml = String.join("\n",
                "rules:",
                "  - id: t.wait",
                "    type: {name: com.acme.Queue}",
                "    method: {name: take}",
                "    attributes:",
                "      waitMs: {elapsedMs: {from: return.queuedAt}}",
                "    emit: {return: job.taken}",
                "");
        RuleSet set = RuleLoader.parse("wait.yaml", yaml);
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertTrue(set.problems().get(0).message().contains("'return' is not available"), set.problems().get(0).message());
        assertFalse(set.problems().get(0).message().isEmpty());
    }
}
