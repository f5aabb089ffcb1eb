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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code agentmain}: attached to a running JVM, the agent retransforms classes that are already loaded. */
class AttachAtRuntimeTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachedAgentInstrumentsAlreadyLoadedClasses(Jdks.Jdk jdk) throws Exception {
        String service = "attach-app-" + jdk.tag();
        JvmRun.Result result = JvmRun.on(jdk).withoutAgent()
                .jvmArg("-Djdk.attach.allowAttachSelf=true")
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_RULES", Paths.get(System.getProperty("it.rules.dir"), "good.yaml").toString())
                .run("io.emp.telemetry.it.app.AttachApp", JvmRun.agentJar().toString(), jdk.tag());
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("ATTACH-APP-DONE"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            assertEquals(List.of("order.placing", "payment.charged", "order.placed"),
                    events.stream().map(TelemetryEvent::eventType).collect(Collectors.toList()), result::toString);
            assertTrue(events.stream().allMatch(e -> ("job-" + jdk.tag() + "-after").equals(e.jobId())),
                    "only calls after the attach: " + events);
        }
    }
}
