package io.emp.telemetry.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.PubSubRecorder;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machine as the packaged agent reports it, in a forked JVM: its id on every event (EMP_MACHINE_ID,
 * else MACHINE_ID, else the host name), machine.* once each, the GPU facts and the GPU channel from a
 * recorded nvidia-smi answer (agent/core test resources nvidia-smi/, played back by a script).
 */
class MachineTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final Path RECORDINGS = Paths.get("../core/src/test/resources/nvidia-smi");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void machineEventsGpuFactsAndTheGpuChannel(Jdks.Jdk jdk) throws Exception {
        String service = "machine-app-" + jdk.tag();
        String machine = "gpu-box-" + jdk.tag();
        Path smi = installRecording("l40s-load");
        JvmRun.Result result;
        List<String> samples;
        try (PubSubRecorder gpu = new PubSubRecorder(REDIS.uri(), "machine:*:gpu")) {
            result = app(jdk, service)
                    .env("EMP_MACHINE_ID", machine)
                    .env("MACHINE_ID", "not-this-one")
                    .env("EMP_MACHINE_GPU_COMMAND", smi.toString())
                    .env("EMP_MACHINE_GPU_SAMPLE_INTERVAL", "1s")
                    .run("io.emp.telemetry.it.app.MachineApp", "2500");
            samples = gpu.on("machine:" + machine + ":gpu");
        }
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("MACHINE-APP-DONE"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.machine(service);
            assertEquals(List.of("machine.starting", "machine.hardware_detected", "machine.ready", "machine.shutting_down"),
                    events.stream().map(TelemetryEvent::eventType).collect(Collectors.toList()), result::toString);
            TelemetryEvent hw = events.get(1);
            assertEquals(1, ((Number) hw.data().get("hw.gpu.count")).intValue(), hw.data()::toString);
            assertEquals("NVIDIA L40S", hw.data().get("gpu.0.hw.model"));
            assertEquals(46068L * 1024 * 1024, ((Number) hw.data().get("hw.gpu.memory.limit")).longValue());
            assertEquals("595.80", hw.data().get("hw.driver_version"));
            assertTrue(((Number) hw.data().get("system.memory.total_bytes")).longValue() > 0);
            assertTrue(((Number) hw.data().get("system.filesystem.total_bytes")).longValue() > 0);
            assertNotNull(hw.data().get("system.cpu.logical_count"));
            for (TelemetryEvent e : events) assertEquals(events.get(0).traceId(), e.traceId(), "one trace per JVM");

            assertEveryEventNames(machine, redis.eventsStream(service));
            String instance = redis.instanceOf(service);
            JsonNode resource = JSON.readTree(redis.get(StreamDefaults.RESOURCE_KEY.replace("{instance}", instance)));
            assertEquals(machine, resource.path("emp.machine.id").asText(), resource::toString);
            assertTrue(resource.has("host.name") && resource.has("host.arch"), resource::toString);
        }
        assertFalse(samples.isEmpty(), "no message on machine:" + machine + ":gpu\n" + result);
        JsonNode sample = JSON.readTree(samples.get(0));
        assertEquals(machine, sample.path("machineId").asText(), sample::toString);
        assertEquals(1, sample.path("hw.gpu.count").asInt());
        assertEquals(0.09, sample.path("gpu.0.hw.gpu.utilization").asDouble(), 1e-9);
        assertEquals(1235L * 1024 * 1024, sample.path("gpu.0.hw.gpu.memory.usage").asLong());
        assertEquals(54.0, sample.path("gpu.0.hw.temperature").asDouble());
        assertEquals(110.23, sample.path("gpu.0.hw.power").asDouble());
        assertEquals(0, redisKeysOfType("machine:*", "stream"), "GPU statistics are never a stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void machineIdFallsBackToMachineIdThenTheHostName(Jdks.Jdk jdk) throws Exception {
        String plain = "machine-id-app-" + jdk.tag();
        JvmRun.Result r1 = app(jdk, plain).env("MACHINE_ID", "plain-" + jdk.tag()).run("io.emp.telemetry.it.app.MachineApp", "0");
        assertEquals(0, r1.exitCode, r1::toString);
        String host = "host-name-app-" + jdk.tag();
        JvmRun.Result r2 = app(jdk, host).run("io.emp.telemetry.it.app.MachineApp", "0");
        assertEquals(0, r2.exitCode, r2::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertEveryEventNames("plain-" + jdk.tag(), redis.eventsStream(plain));
            assertEveryEventNames(hostName(), redis.eventsStream(host));
            List<TelemetryEvent> machine = redis.machine(host);
            TelemetryEvent hw = RedisEvents.one(machine, "machine.hardware_detected");
            assertFalse(hw.data().containsKey("hw.gpu.count") && !Files.isDirectory(Paths.get("/proc/driver/nvidia"))
                    && !onPath("nvidia-smi"), "no GPU facts without NVIDIA tooling: " + hw.data());
            RedisEvents.one(machine, "machine.starting");
            RedisEvents.one(machine, "machine.shutting_down");
        }
    }

    /** Every event names {@code machine}, except the facade's event about another machine, which keeps its own. */
    private static void assertEveryEventNames(String machine, List<TelemetryEvent> events) {
        assertTrue(events.size() >= 8, "service.*, machine.* and the app's own: " + events);
        for (TelemetryEvent e : events) {
            String expected = e.eventType().equals("machine.disk_full") ? "other-machine" : machine;
            assertEquals(expected, e.machineId(), () -> e.eventType() + " " + e);
        }
        assertTrue(events.stream().anyMatch(e -> e.eventType().equals("order.placed")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.eventType().equals("machine.disk_full")), events::toString);
    }

    private JvmRun app(Jdks.Jdk jdk, String service) {
        return JvmRun.on(jdk)
                .classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class))
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service);
    }

    /** The playback script next to the recording, as agent/core's tests install it. */
    private Path installRecording(String name) throws Exception {
        Files.copy(RECORDINGS.resolve(name + ".csv"), dir.resolve(name + ".csv"));
        Path script = Files.copy(RECORDINGS.resolve("recorded-nvidia-smi.sh"), dir.resolve(name + ".sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static long redisKeysOfType(String pattern, String type) throws Exception {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(REDIS.uri());
        try (var c = client.connect()) {
            return c.sync().keys(pattern).stream().filter(k -> type.equals(c.sync().type(k))).count();
        } finally {
            client.shutdown();
        }
    }

    /** What the agent falls back to: the HOSTNAME variable the child inherits, else the kernel's host name. */
    private static String hostName() throws Exception {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isEmpty()) return env;
        return Files.readAllLines(Paths.get("/proc/sys/kernel/hostname")).get(0).trim();
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Paths.get(d, exe)));
    }
}
