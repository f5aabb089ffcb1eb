package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static io.emp.telemetry.it.harness.RedisEvents.ofType;
import static io.emp.telemetry.it.harness.RedisEvents.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13.4/13.5 against the packaged agent jar: hostile rules do not change the application's state, do not stall
 * its start, are refused with file:line:column while the application runs on, and no secret of an exception message
 * or a nested facade map reaches the streams. Before: the app exited with 3 (a path called a getter running
 * System.exit), counters moved, start-up spun in the regex, and hunter2 was stored in clear.
 */
class HostSafetyTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void hostileRulesNeitherHarmTheApplicationNorLeakSecrets(Jdks.Jdk jdk) throws Exception {
        String service = "hostile-" + jdk.tag();
        String rules = Paths.get(System.getProperty("it.rules.dir"), "hostile.yaml").toString();
        JvmRun.Result result = JvmRun.on(jdk)
                .classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class))
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_RULES", rules)
                .run("io.emp.telemetry.it.app.HostileRulesApp", jdk.tag());

        // the application ran to its end, its state untouched by rule paths
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("counter=0 position=0 connections=0 length=3"), result::toString);
        assertTrue(result.stdout.contains("HOSTILE-APP-DONE"), result::toString);

        // each harmful rule refused with where and why; the agent started all the same
        assertTrue(result.stderr.contains("[emp-telemetry] INFO agent: started"), result::toString);
        assertTrue(result.stderr.contains(rules + ":22:20: rule 'it.hostile.redos': regular expression in type.regex"
                + " '((.*)*)*!' backtracks catastrophically"), result::toString);
        assertTrue(result.stderr.contains(rules + ":27:19: rule 'it.hostile.jdk': type.name 'java.lang.String' is a JDK"
                + " class"), result::toString);
        assertTrue(result.stderr.contains(rules + ":32:19: rule 'it.hostile.everything': type.glob '*' matches every"
                + " class"), result::toString);
        assertFalse(result.stderr.contains("hunter2") || result.stdout.contains("hunter2"), result::toString);

        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            List<TelemetryEvent> errors = redis.errors(service);
            List<TelemetryEvent> touched = ofType(events, "hostile.touched");
            assertEquals(3, touched.size(), events::toString);
            for (TelemetryEvent e : touched) {
                assertEquals("job-" + jdk.tag(), e.jobId());
                assertEquals("0", e.data().get("value"), "an atomic is read, never incremented");
                assertEquals("<io.emp.telemetry.it.app.Account>", e.data().get("self"));
                assertNull(e.data().get("counter"));
                assertNull(e.data().get("int"));
                assertNull(e.data().get("content"));
                assertNull(e.data().get("shutdown"));
            }
            assertTrue(ofType(events, "hostile.string_length").isEmpty());
            assertTrue(ofType(events, "hostile.everything").isEmpty());

            TelemetryEvent connect = one(errors, "hostile.connect_failed");
            assertEquals("cannot reach redis://:[REDACTED]@ledger-db:6379 (password=[REDACTED])",
                    connect.errorMessage());
            TelemetryEvent failed = one(errors, "hostile.failed");
            assertEquals("login failed: {\"user\":\"ada\",\"password\":\"[REDACTED]\"}", failed.errorMessage());
            TelemetryEvent submitted = one(events, "hostile.submitted");
            assertEquals("https://ada:[REDACTED]@api", submitted.data().get("target"));
            assertTrue(String.valueOf(submitted.data().get("request")).contains("password=[REDACTED]"),
                    submitted.data()::toString);

            // nothing of the whole run, encoded as it sits in Redis, holds the secret
            for (TelemetryEvent e : redis.all(service)) {
                assertFalse(EventCodec.encode(e).toString().contains("hunter2"), e::toString);
            }
        }
    }
}
