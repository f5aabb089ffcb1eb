package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JDK classes are instrumented only when a rule names them: then also when they were loaded before
 * the agent (retransformation) and although they live in a named module (java.base).
 */
class JdkTypesTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJdkClassARuleNamesIsInstrumented(Jdks.Jdk jdk) throws Exception {
        String service = "jdk-app-" + jdk.tag();
        JvmRun.Result result = JvmRun.on(jdk)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_RULES", Paths.get(System.getProperty("it.rules.dir"), "jdk.yaml").toString())
                .run("io.emp.telemetry.it.app.JdkTypesApp");
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("encoded=ZW1w"), result::toString);
        assertFalse(result.stderr.contains("WARN"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            TelemetryEvent encoded = RedisEvents.one(events, "jdk.base64_encoded");
            assertEquals("ZW1w", encoded.data().get("result"));
            assertEquals(3L, ((Number) encoded.data().get("length")).longValue());
        }
    }
}
