package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever text a rule file holds, loading it returns problems and never throws into the agent's startup. */
class NeverThrowsTest {
    private static final String ALPHABET = " \n\t:-[]{}'\"*&!|>%@#,.?_0123456789abcxyz()\\";

    @Test
    void mutatedBuiltInFilesOnlyEverYieldProblems() throws Exception {
        String original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("emp-rules/workers.yaml")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Random random = new Random(20261123L);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder(original);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0:
                        text.deleteCharAt(at);
                        break;
                    case 1:
                        text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                        break;
                    default:
                        text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            RuleSet set = RuleLoader.parse("mutant-" + round + ".yaml", text.toString());
            for (RuleProblem problem : set.problems()) {
                assertTrue(problem.line() >= 1 && problem.column() >= 1, problem.toString());
            }
        }
    }

    @Test
    void pathologicalDocuments() {
        StringBuilder deep = new StringBuilder("rules:\n");
        for (int i = 0; i < 5000; i++) {
            deep.append('[');
        }
        String[] documents = {"", "\u0000\u0001", "rules", "- a\n- b", "rules: [1, 2, null]", "rules:\n  - null",
            "rules:\n  - id: x\n    type: {glob: '*'}\n    method: {name: m}\n    emit: {enter: {event: [a]}}",
            deep.toString(), "rules: !!binary aGVsbG8=", "rules: *nowhere", "? [a]\n: b"};
        for (String doc : documents) {
            RuleSet set = RuleLoader.parse("odd.yaml", doc);
            assertTrue(set.rules().isEmpty(), doc);
        }
    }
}
