package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The collector as a separate JVM (file exporter) behind the sample system: every event of every
 * job reaches the JSON-lines file, unchanged, and is acknowledged in both consumer groups.
 */
class CollectorE2ETest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static ServiceProcesses processes;
    private static SampleSystem system;

    @BeforeAll
    static void runJobs() {
        processes = new ServiceProcesses(Artifacts.logsDir(CollectorE2ETest.class));
        system = SampleSystem.start(REDIS.uri(), processes);
    }

    @AfterAll
    static void stopAll() {
        try {
            if (system != null) system.close();
        } finally {
            processes.close();
        }
    }

    @Test
    void collectorExportsEveryEventOfTheJobsToTheFileAndAcknowledgesThem() throws IOException {
        system.allJobs().forEach(system::awaitTimeline);
        List<StoredEvent> stored = system.allJobs().stream()
                .flatMap(job -> system.streams.ofJob(job).stream()).collect(Collectors.toList());
        Path file = Artifacts.logsDir(CollectorE2ETest.class).resolve("collector-events.jsonl");
        Files.deleteIfExists(file);

        ServiceProcess collector = processes.start(Launch.collector(REDIS.uri(), file));
        List<String> expectedKeys = stored.stream().map(ExportedEvents::key).collect(Collectors.toList());
        Await.until(Duration.ofSeconds(60), () -> ExportedEvents.read(file).keySet().containsAll(expectedKeys),
                () -> "the collector did not export every event of the jobs to " + file + "; exported "
                        + ExportedEvents.read(file).keySet() + "\nthe jobs' events:" + EventStreams.describe(stored)
                        + collector.logs());

        Map<String, JsonNode> exported = ExportedEvents.read(file);
        for (StoredEvent e : stored) {
            JsonNode line = exported.get(ExportedEvents.key(e));
            assertAll(e + "\nexported as " + line,
                    () -> assertEquals(e.type(), line.path("eventType").asText()),
                    () -> assertEquals(e.service(), line.path("service").asText()),
                    () -> assertEquals(e.event().traceId(), line.path("traceId").asText()),
                    () -> assertEquals(e.event().spanId(), line.path("spanId").asText()),
                    () -> assertEquals(e.event().jobId(), line.path("jobId").asText()),
                    () -> assertEquals(e.event().timestamp(), line.path("timestamp").asLong()),
                    () -> assertEquals(e.event().errorType(), line.hasNonNull("errorType") ? line.get("errorType").asText() : null));
        }

        Await.until(Duration.ofSeconds(30),
                () -> pending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP) == 0
                        && pending(StreamDefaults.ERRORS_STREAM, StreamDefaults.ERRORS_GROUP) == 0,
                () -> "exported entries must be acknowledged: XPENDING " + StreamDefaults.EVENTS_GROUP + " = "
                        + pending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP) + ", "
                        + StreamDefaults.ERRORS_GROUP + " = "
                        + pending(StreamDefaults.ERRORS_STREAM, StreamDefaults.ERRORS_GROUP) + collector.logs());
        collector.stop(Duration.ofSeconds(15));
    }

    /** Entries delivered to the group and not acknowledged; -1 while the group does not exist. */
    private static long pending(String stream, String group) {
        try {
            return system.streams.redis().xpending(stream, group).getCount();
        } catch (RedisCommandExecutionException e) {
            return -1;
        }
    }
}
