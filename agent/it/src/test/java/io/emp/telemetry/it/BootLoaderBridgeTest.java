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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped jar defines the bridge's classes in the boot loader without appending to the bootstrap
 * class path, so the JVM keeps class-data sharing for every loader and prints no "Sharing is only
 * supported for boot loader classes" line into the application's output; the JDK package it uses
 * for that stays closed to the application; and advice inlined into a {@code java.base} class still
 * reaches the bridge.
 */
class BootLoaderBridgeTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void bridgeIsDefinedInTheBootLoaderAndSharingStaysOn(Jdks.Jdk jdk, @TempDir Path dir) throws Exception {
        String service = "boot-bridge-" + jdk.tag();
        Path classLog = dir.resolve("classes.txt");
        JvmRun.Result result = JvmRun.on(jdk)
                .jvmArg("-Xlog:class+load:file=" + classLog)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_LOG_LEVEL", "debug")
                .env("EMP_RULES", Paths.get(System.getProperty("it.rules.dir"), "jdk.yaml").toString())
                .run("io.emp.telemetry.it.app.BootBridgeApp");
        assertEquals(0, result.exitCode, result::toString);
        String output = result.stdout + result.stderr;
        assertFalse(output.contains("Sharing is only supported"), result::toString);
        assertTrue(result.stderr.contains("bridge (defined in the boot loader)"), result::toString);
        assertTrue(result.stdout.contains("bridge-loader=boot"), result::toString);
        assertTrue(result.stdout.contains("internal-access=denied"), result::toString);
        String classes = new String(Files.readAllBytes(classLog));
        assertTrue(classes.contains("io.emp.telemetry.bootstrap.Bridge source: __JVM_DefineClass__"), classes);
        assertFalse(classes.contains("io.emp.telemetry.agent.boot.UnsafeBootDefiner source: file:"),
                "the definer must not be loaded from the class path");

        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertEquals("ZW1w", RedisEvents.one(redis.events(service), "jdk.base64_encoded").data().get("result"));
        }
    }
}
