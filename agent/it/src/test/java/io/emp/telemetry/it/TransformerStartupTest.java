package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped jar installs ByteBuddy's transformer without generating a class at start-up: its
 * Java 9 module-aware subclass is compiled ahead of time ({@code EmpModuleAwareTransformer}, put in
 * place of ByteBuddy's factory by the jar's shading). The module is still passed on: a rule on a
 * class of the named module {@code java.base}, retransformed, still emits its event.
 */
class TransformerStartupTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final String SHADED = "io.emp.telemetry.agent.shaded.net.bytebuddy.";

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void noTransformerClassIsGeneratedAndModulesStillGetTheirReadEdge(Jdks.Jdk jdk, @TempDir Path dir) throws Exception {
        String service = "startup-" + jdk.tag();
        Path classLog = dir.resolve("classes.txt");
        JvmRun.Result result = JvmRun.on(jdk)
                .jvmArg("-Xlog:class+load:file=" + classLog)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_RULES", Paths.get(System.getProperty("it.rules.dir"), "jdk.yaml").toString())
                .run("io.emp.telemetry.it.app.JdkTypesApp");
        assertEquals(0, result.exitCode, result::toString);
        assertFalse(result.stderr.contains("WARN"), result::toString);

        List<String> loaded;
        try (Stream<String> lines = Files.lines(classLog)) {
            loaded = lines.collect(Collectors.toList());
        }
        assertTrue(loaded.stream().anyMatch(l -> l.contains(SHADED + "agent.builder.EmpModuleAwareTransformer ")),
                "the precompiled transformer is the one in use");
        assertFalse(loaded.stream().anyMatch(l -> l.contains("$ByteBuddy$ModuleSupport")),
                "ByteBuddy generated its transformer subclass");
        assertFalse(loaded.stream().anyMatch(l -> l.contains(SHADED + "dynamic.scaffold.subclass.SubclassDynamicTypeBuilder ")),
                "ByteBuddy built a subclass at start-up");

        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertEquals("ZW1w", RedisEvents.one(redis.events(service), "jdk.base64_encoded").data().get("result"));
        }
    }
}
