package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** service.starting (with host facts), service.ready on the first listening socket, service.shutting_down on exit. */
class LifecycleTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void startReadyAndShutdownAreReportedInOneTrace(Jdks.Jdk jdk) throws Exception {
        String service = "listening-app-" + jdk.tag();
        JvmRun.Result result = JvmRun.on(jdk)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_MACHINE_ID", "machine-" + jdk.tag())
                .run("io.emp.telemetry.it.app.ListeningApp");
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("LISTENING-APP-DONE"), result::toString);
        int port = Integer.parseInt(result.stdout.replaceAll("(?s).*listening on (\\d+).*", "$1"));
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.lifecycle(service);
            assertEquals(List.of("service.starting", "service.ready", "service.shutting_down"),
                    events.stream().map(TelemetryEvent::eventType).collect(Collectors.toList()), result::toString);
            TelemetryEvent starting = events.get(0);
            assertEquals(Runtime.getRuntime().availableProcessors(),
                    ((Number) starting.data().get("system.cpu.logical_count")).intValue());
            assertTrue(((Number) starting.data().get("jvm.memory.max_bytes")).longValue() > 0);
            assertTrue(starting.data().containsKey("process.pid"));
            TelemetryEvent ready = events.get(1);
            assertEquals("listening", ready.data().get("ready.reason"));
            assertEquals(port, ((Number) ready.data().get(Attributes.SERVER_PORT)).intValue());
            for (TelemetryEvent e : events) {
                assertEquals(starting.traceId(), e.traceId(), "one trace for the service's life");
                assertEquals("machine-" + jdk.tag(), e.machineId());
            }
        }
    }
}
