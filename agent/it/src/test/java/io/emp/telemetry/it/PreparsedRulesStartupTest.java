package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped jar carries its built-in rules parsed at build time: without rule files of the user's own, the
 * agent loads every built-in rule and no YAML parser (neither Jackson's YAML module nor SnakeYAML); with one,
 * it parses that file and still has every built-in rule.
 */
class PreparsedRulesStartupTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final Pattern RULE_COUNT = Pattern.compile("started in \\d+ ms for service \\S+: (\\d+) rule\\(s\\)");

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void builtInRulesLoadWithoutAYamlParser(Jdks.Jdk jdk, @TempDir Path dir) throws Exception {
        Path classLog = dir.resolve("classes.txt");
        JvmRun.Result builtInOnly = JvmRun.on(jdk)
                .jvmArg("-Xlog:class+load:file=" + classLog)
                .env("EMP_REDIS_URL", REDIS.uri())
                .run("io.emp.telemetry.it.app.JdkTypesApp");
        assertEquals(0, builtInOnly.exitCode, builtInOnly::toString);
        int builtIns = ruleCount(builtInOnly);
        assertTrue(builtIns >= 6, builtInOnly::toString);
        assertFalse(builtInOnly.stderr.contains("WARN rules"), builtInOnly::toString);
        String classes = new String(Files.readAllBytes(classLog));
        assertFalse(classes.contains(".snakeyaml."), "SnakeYAML was loaded");
        assertFalse(classes.contains(".dataformat.yaml."), "Jackson's YAML module was loaded");

        Path rules = dir.resolve("own.yaml");
        Files.write(rules, ("version: 1\nrules:\n  - id: own.rule\n    type: {name: JdkTypesApp}\n"
                + "    method: {name: main}\n    emit: {return: own.done}\n").getBytes());
        JvmRun.Result withOwnFile = JvmRun.on(jdk)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_RULES", rules.toString())
                .run("io.emp.telemetry.it.app.JdkTypesApp");
        assertEquals(0, withOwnFile.exitCode, withOwnFile::toString);
        assertEquals(builtIns + 1, ruleCount(withOwnFile), withOwnFile::toString);
    }

    private static int ruleCount(JvmRun.Result result) {
        Matcher m = RULE_COUNT.matcher(result.stderr);
        assertTrue(m.find(), result::toString);
        return Integer.parseInt(m.group(1));
    }
}
