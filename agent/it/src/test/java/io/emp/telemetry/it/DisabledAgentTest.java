package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without the agent, or with {@code EMP_ENABLED=false} (or {@code OTEL_SDK_DISABLED=true}), the application runs unchanged: nothing is
 * emitted, the agent prints nothing, and the facade goes to the application's own backend.
 */
class DisabledAgentTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    /** RulesApp makes two facade calls its own backend sees when the agent does not take them. */
    private static final String ALL_CALLS_TO_APP_BACKEND = "backend-calls=2";

    @Test
    void enabledFalseTurnsEverythingOff() throws Exception {
        JvmRun.Result result = rulesApp("disabled", JvmRun.on(Jdks.all().get(0)).env("EMP_ENABLED", "false"));
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains(ALL_CALLS_TO_APP_BACKEND), "facade not bound: " + result.stdout);
        assertFalse(result.stderr.contains("[emp-telemetry]"), "the agent says nothing: " + result.stderr);
        assertNothingEmitted("disabled");
    }

    @Test
    void otelSdkDisabledTurnsEverythingOffLikeEnabledFalse() throws Exception {
        JvmRun.Result result = rulesApp("otel-disabled", JvmRun.on(Jdks.all().get(0)).env("OTEL_SDK_DISABLED", "true"));
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains(ALL_CALLS_TO_APP_BACKEND), "facade not bound: " + result.stdout);
        assertFalse(result.stderr.contains("[emp-telemetry]"), "the agent says nothing: " + result.stderr);
        assertNothingEmitted("otel-disabled");
    }

    @Test
    void explicitEmpEnabledWinsOverOtelSdkDisabled() throws Exception {
        JvmRun.Result result = rulesApp("emp-wins", JvmRun.on(Jdks.all().get(0)).env("OTEL_SDK_DISABLED", "true").env("EMP_ENABLED", "true"));
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stderr.contains("[emp-telemetry]"), "the agent runs: " + result.stderr);
    }

    @Test
    void withoutTheAgentTheFacadeIsANoOpOrTheApplicationsBackend() throws Exception {
        JvmRun.Result result = rulesApp("no-agent", JvmRun.on(Jdks.all().get(0)).withoutAgent());
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("RULES-APP-DONE"), result::toString);
        assertTrue(result.stdout.contains(ALL_CALLS_TO_APP_BACKEND), result.stdout);
        assertNothingEmitted("no-agent");
    }

    private static JvmRun.Result rulesApp(String service, JvmRun run) throws Exception {
        Path rules = Paths.get(System.getProperty("it.rules.dir"), "good.yaml");
        return run.classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class))
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_RULES", rules.toString())
                .run("io.emp.telemetry.it.app.RulesApp", service);
    }

    private static void assertNothingEmitted(String service) {
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertTrue(redis.all(service).isEmpty(), "no events for " + service);
            assertEquals(0L, redis.streamLength("emp:events") + redis.streamLength("emp:errors"),
                    "nothing at all was written");
        }
    }
}
