package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
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
 * An application that brings its own Jackson 2.12 and Lettuce 6.1 (with their Netty and Reactor)
 * runs correctly with the agent, whose Jackson 2.20 and Lettuce 6.8 are relocated.
 */
class ConflictingLibrariesTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void applicationWithOlderJacksonAndLettuceWorksWithTheAgent(Jdks.Jdk jdk) throws Exception {
        String service = "conflict-app-" + jdk.tag();
        JvmRun run = JvmRun.on(jdk).classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class));
        for (Path lib : conflictLibs()) run.classpath(lib);
        JvmRun.Result result = run
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_RULES", Paths.get(System.getProperty("it.rules.dir"), "good.yaml").toString())
                .run("io.emp.telemetry.it.app.ConflictApp", REDIS.uri(), jdk.tag());

        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("CONFLICT-APP-DONE"), result::toString);
        assertTrue(result.stdout.contains("jackson=2.12.7"), "the app used its own Jackson: " + result.stdout);
        assertTrue(result.stdout.contains("lettuce-core-6.1.10.RELEASE.jar"), "the app used its own Lettuce: " + result.stdout);
        assertFalse(result.stderr.contains("Exception"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertTrue(redis.get("conflict:" + jdk.tag()).contains("\"jackson\":\"2.12.7"), "written by the app's Lettuce");
            List<TelemetryEvent> events = redis.events(service);
            assertEquals(List.of("order.placing", "payment.charged", "order.placed"),
                    events.stream().map(TelemetryEvent::eventType).collect(Collectors.toList()));
            assertEquals("job-" + jdk.tag() + "-c", events.get(0).jobId());
        }
    }

    /** The older Jackson and Lettuce (with Netty and Reactor) the build copied aside. */
    static List<Path> conflictLibs() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get(System.getProperty("it.conflict.libs")))) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(jars.size() >= 13, "conflicting libraries copied by the build: " + jars);
            return jars;
        }
    }
}
