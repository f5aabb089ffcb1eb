package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validation example in docs/rules.md prints exactly what the loader reports. */
class DocumentedExampleTest {
    private static final Path DOC = Paths.get("..", "..", "docs", "rules.md");
    private static final String SOURCE = "/etc/emp/rules.yaml";

    @Test
    void validationExampleMatchesTheLoader() throws Exception {
        String doc = new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
        int example = doc.indexOf("Example file `" + SOURCE + "`:");
        String yaml = block(doc, "```yaml\n", example);
        String expected = block(doc, "```\n", doc.indexOf("reports (", example));

        RuleSet set = RuleLoader.parse(SOURCE, yaml);
        List<String> actual = new ArrayList<>();
        for (RuleProblem problem : set.problems()) {
            actual.add(problem.toString());
        }
        assertEquals(Arrays.asList(expected.trim().split("\n")), actual);
        assertEquals(1, set.rules().size());
        assertEquals("acme.ok", set.rules().get(0).id());
    }

    @TempDir
    Path tmp;

    @Test
    void everyOtherExampleRuleFileIsValid() throws Exception {
        String doc = new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
        int skip = doc.indexOf("```yaml\n", doc.indexOf("Example file `" + SOURCE + "`:"));
        int checked = 0;
        for (int at = doc.indexOf("```yaml\n"); at >= 0; at = doc.indexOf("```yaml\n", at + 1)) {
            String yaml = block(doc, "```yaml\n", at);
            if (at == skip || !yaml.startsWith("rules:") && !yaml.startsWith("version: 1\nrules:")) {
                continue;
            }
            // Loaded after the built-in rules, as a user file would be (one example turns a built-in rule off).
            Path file = Files.write(tmp.resolve("example-" + at + ".yaml"), yaml.getBytes(StandardCharsets.UTF_8));
            RuleSet set = RuleLoader.load(getClass().getClassLoader(), Collections.singletonList(file));
            assertEquals(new ArrayList<RuleProblem>(), set.problems(), yaml);
            checked++;
        }
        assertEquals(true, checked >= 6, "examples found: " + checked);
    }

    private static String block(String doc, String fence, int from) {
        int start = doc.indexOf(fence, from) + fence.length();
        return doc.substring(start, doc.indexOf("```", start));
    }
}
