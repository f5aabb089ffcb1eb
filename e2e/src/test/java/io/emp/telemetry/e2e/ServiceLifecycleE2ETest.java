package io.emp.telemetry.e2e;

import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.emp.telemetry.e2e.SampleSystem.API;
import static io.emp.telemetry.e2e.SampleSystem.WORKER;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service lifecycle events of the API server and the worker, with no code in them: starting and
 * ready at start, shutting down on SIGTERM (from the agent's shutdown hook).
 */
class ServiceLifecycleE2ETest {
    private static final String CPU_COUNT = "system.cpu.logical_count";
    private static final String MEMORY_TOTAL = "system.memory.total_bytes";
    private static final String HEAP_MAX = "jvm.memory.max_bytes";

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private final ServiceProcesses processes = new ServiceProcesses(Artifacts.logsDir(ServiceLifecycleE2ETest.class));

    @AfterEach
    void stopAll() {
        processes.close();
    }

    @Test
    void servicesAnnounceStartReadinessAndShutdown() {
        ServiceProcess api = processes.start(Launch.apiServer(REDIS.uri()));
        ServiceProcess worker = processes.start(Launch.worker(REDIS.uri(), SampleSystem.WORKER_ID, SampleSystem.MACHINE_ID));
        api.awaitStdoutLine(Pattern.compile("api-server listening on"), SampleSystem.START_TIMEOUT);
        worker.awaitStdoutLine(Pattern.compile("worker \\S+ ready"), SampleSystem.START_TIMEOUT);

        try (EventStreams streams = new EventStreams(REDIS.uri())) {
            for (String service : List.of(API, WORKER)) {
                Await.holdsWithin(Duration.ofSeconds(10), () -> typesOf(streams, service).contains("service.ready"));
                List<String> types = typesOf(streams, service);
                int starting = types.indexOf("service.starting");
                assertTrue(starting >= 0 && starting < types.indexOf("service.ready"),
                        () -> service + " must write service.starting, then service.ready:"
                                + EventStreams.describe(streams.ofService(service)) + processes.logs());
                StoredEvent facts = streams.ofService(service).get(starting);
                assertAll("hardware facts once at start: " + facts,
                        () -> assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()),
                                facts.attributeText(CPU_COUNT), "same machine, same cores"),
                        () -> assertTrue(positive(facts.attribute(MEMORY_TOTAL)), MEMORY_TOTAL),
                        () -> assertTrue(positive(facts.attribute(HEAP_MAX)), HEAP_MAX));
            }
            worker.stop(Duration.ofSeconds(30));
            api.stop(Duration.ofSeconds(30));
            for (String service : List.of(API, WORKER)) {
                Await.until(Duration.ofSeconds(10), () -> typesOf(streams, service).contains("service.shutting_down"),
                        () -> service + " wrote no service.shutting_down on SIGTERM:"
                                + EventStreams.describe(streams.ofService(service)) + processes.logs());
            }
        }
    }

    private static boolean positive(Object value) {
        return value instanceof Number n && n.longValue() > 0;
    }

    private static List<String> typesOf(EventStreams streams, String service) {
        return streams.ofService(service).stream().map(StoredEvent::type).collect(Collectors.toList());
    }
}
