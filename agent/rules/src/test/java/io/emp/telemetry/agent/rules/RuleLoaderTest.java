package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static String[] rule(String id) {
        return new String[] {"  - id: " + id, "    type: {glob: '*Worker'}", "    method: {name: start}",
            "    emit: {enter: worker.starting}"};
    }

    private static String[] file(String... ids) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("rules:");
        for (String id : ids) {
            lines.addAll(Arrays.asList(rule(id)));
        }
        return lines.toArray(new String[0]);
    }

    @Test
    void brokenFileDoesNotStopTheOthers() throws IOException {
        Path good = write("good.yaml", file("a", "b"));
        Path broken = write("broken.yaml", "rules:", "  - id: [unclosed");
        Path missing = dir.resolve("missing.yaml");
        RuleSet set = RuleLoader.loadFiles(Arrays.asList(broken, good, missing));
        assertEquals(2, set.rules().size());
        assertEquals(2, set.problems().size(), set.problems().toString());
        RuleProblem syntax = set.problems().get(0);
        assertEquals(broken.toString(), syntax.source());
        assertTrue(syntax.message().startsWith("YAML syntax error"), syntax.message());
        assertEquals(missing + ":1:1: rule file not found", set.problems().get(1).toString());
    }

    /** The agent reads and parses on one thread and compiles on another: same rules and problems, same order. */
    @Test
    void readOnOneThreadCompileOnAnother() throws Exception {
        Path good = write("good.yaml", file("a", "b"));
        Path broken = write("broken.yaml", "rules:", "  - id: [unclosed");
        Path missing = dir.resolve("missing.yaml");
        List<Path> paths = Arrays.asList(good, broken, missing, write("more.yaml", file("c")));
        java.util.concurrent.atomic.AtomicReference<List<io.emp.telemetry.agent.rules.compile.ParsedFile>> read =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> read.set(RuleLoader.read(RuleLoaderTest.class.getClassLoader(), paths)));
        reader.start();
        reader.join();
        RuleSet split = RuleLoader.compile(read.get());
        RuleSet whole = RuleLoader.load(RuleLoaderTest.class.getClassLoader(), paths);
        assertEquals(ids(whole), ids(split));
        assertTrue(ids(split).containsAll(Arrays.asList("a", "b", "c")), ids(split).toString());
        assertEquals(whole.problems().toString(), split.problems().toString());
        assertEquals(2, split.problems().size(), split.problems().toString());
    }

    private static List<String> ids(RuleSet set) {
        List<String> ids = new java.util.ArrayList<>();
        for (InstrumentationRule rule : set.rules()) {
            ids.add(rule.id());
        }
        return ids;
    }

    @Test
    void duplicateIdsAcrossFiles() throws IOException {
        Path first = write("first.yaml", file("shared"));
        Path second = write("second.yaml", file("other", "shared"));
        RuleSet set = RuleLoader.loadFiles(Arrays.asList(first, second));
        assertEquals(2, set.rules().size());
        RuleProblem p = set.problems().get(0);
        assertEquals(second.toString(), p.source());
        assertEquals(6, p.line());
        assertTrue(p.message().contains("first declared at " + first + ":2"), p.message());
    }

    @Test
    void userRulesCannotReuseBuiltInIds() throws IOException {
        Path user = write("user.yaml", file("connector.process-job", "mine"));
        RuleSet set = RuleLoader.load(getClass().getClassLoader(), Collections.singletonList(user));
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertTrue(set.problems().get(0).message().contains("duplicate rule id 'connector.process-job'"));
        assertNotNull(set.rule("mine"));
        assertTrue(set.rule("connector.process-job").source().startsWith("builtin:"));
    }

    @Test
    void directoryLoadsItsYamlFilesInNameOrder() throws IOException {
        write("rules/b.yml", file("from-b"));
        write("rules/a.yaml", file("from-a"));
        write("rules/notes.txt", "not rules");
        write("rules/index.yaml", "- a.yaml");
        RuleSet set = RuleLoader.loadFiles(Collections.singletonList(dir.resolve("rules")));
        assertEquals(Collections.emptyList(), set.problems());
        assertEquals("from-a", set.rules().get(0).id());
        assertEquals("from-b", set.rules().get(1).id());
    }

    @Test
    void missingBuiltInIndexIsReported() {
        ClassLoader empty = new ClassLoader(null) {
        };
        RuleSet set = RuleLoader.load(empty, null);
        assertEquals(1, set.problems().size());
        assertTrue(set.problems().get(0).toString().startsWith("emp-rules/index.yaml:1:1: built-in rule index"));
    }

    @Test
    void pathsSplitsTheCommaSeparatedSetting() {
        assertEquals(Arrays.asList(Path.of("/etc/emp/a.yaml"), Path.of("rules")),
                RuleLoader.paths(" /etc/emp/a.yaml , ,rules"));
        assertTrue(RuleLoader.paths(null).isEmpty());
        assertTrue(RuleLoader.paths("  ").isEmpty());
    }

    @Test
    void aUserFileCanTurnOffABuiltInRule() throws IOException {
        Path user = write("off.yaml", "rules:", "  - id: worker.start", "    enabled: false", "  - id: no.such.rule",
                "    enabled: false");
        RuleSet set = RuleLoader.load(getClass().getClassLoader(), Collections.singletonList(user));
        assertEquals(null, set.rule("worker.start"));
        assertNotNull(set.rule("worker.claim"));
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertEquals(user + ":4:9: rule 'no.such.rule' cannot be turned off: no rule with this id was loaded before "
                + "this file", set.problems().get(0).toString());
    }

    @Test
    void loadFromSettingReadsTheCommaSeparatedValue() throws IOException {
        Path a = write("a.yaml", file("from-a"));
        write("more/b.yaml", file("from-b"));
        RuleSet set = RuleLoader.loadFromSetting(getClass().getClassLoader(), a + ", " + dir.resolve("more")
                + ",bad\u0000path");
        assertNotNull(set.rule("from-a"));
        assertNotNull(set.rule("from-b"));
        assertNotNull(set.rule("connector.process-job"));
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertEquals("bad\u0000path:1:1: not a valid file path; ignored", set.problems().get(0).toString());
    }
}
