package io.emp.telemetry.e2e;

import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.emp.telemetry.e2e.SampleSystem.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket client (the sample's {@code JobFollowerMain}, no agent) follows an image-generation
 * job on the API server's {@code /ws/jobs}: it receives the job's status changes and the server
 * closes the socket when the job completes. The API server, with the agent and no telemetry code,
 * writes {@code websocket.connected}, {@code websocket.subscribed} (the built-in websocket rule on
 * {@code subscribe(channel)}) and {@code websocket.disconnected}, all in the connection's span.
 */
class WebSocketFollowE2ETest {
    private static final Pattern LISTENING = Pattern.compile("api-server listening on http://(\\S+)");

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private final ServiceProcesses processes = new ServiceProcesses(Artifacts.logsDir(WebSocketFollowE2ETest.class));

    @AfterEach
    void stopAll() {
        processes.close();
    }

    @Test
    void aClientFollowsAJobOverAWebSocket() throws Exception {
        ServiceProcess api = processes.start(Launch.apiServer(REDIS.uri()));
        ServiceProcess worker = processes.start(Launch.worker(REDIS.uri(), SampleSystem.WORKER_ID, SampleSystem.MACHINE_ID));
        String hostPort = api.awaitStdoutLine(LISTENING, SampleSystem.START_TIMEOUT).group(1);
        worker.awaitStdoutLine(Pattern.compile("worker \\S+ ready"), SampleSystem.START_TIMEOUT);

        JobsClient jobs = new JobsClient(URI.create("http://" + hostPort));
        String job = jobs.submit("{\"type\":\"image-gen\",\"payload\":{\"prompt\":\"a harbour at night\",\"steps\":4,\"stepDelayMs\":300}}");
        FollowerRun follower = follow("ws://" + hostPort + "/ws/jobs", job);

        assertEquals(0, follower.exitCode, follower::toString);
        assertTrue(follower.stdout.contains("\"status\":\"completed\""), follower::toString);
        assertTrue(follower.stdout.contains("follow: closed 1000 job completed"), follower::toString);

        try (EventStreams streams = new EventStreams(REDIS.uri())) {
            Await.until(Duration.ofSeconds(20), () -> !ofType(streams, "websocket.disconnected").isEmpty(),
                    () -> "no websocket.disconnected from the API server:" + EventStreams.describe(streams.ofService(API))
                            + processes.logs());
            StoredEvent connected = only(streams, "websocket.connected");
            StoredEvent subscribed = only(streams, "websocket.subscribed");
            StoredEvent disconnected = only(streams, "websocket.disconnected");
            assertEquals("/ws/jobs", connected.attributeText("url.path"));
            assertEquals("server", connected.attributeText("websocket.side"));
            assertEquals("job:" + job + ":status", subscribed.attributeText("websocket.channel"));
            assertEquals(connected.event().traceId(), subscribed.event().traceId(), "subscribed is in the connection's trace");
            assertEquals(connected.event().spanId(), subscribed.event().parentSpanId(), "as a child of the connection's span");
            assertEquals(connected.event().spanId(), disconnected.event().spanId());
            assertEquals("1000", disconnected.attributeText("websocket.close.code"));
            assertEquals("job completed", disconnected.attributeText("websocket.close.reason"));
            assertTrue(streams.ofService(API).stream().noneMatch(e -> e.type().startsWith("websocket.error")));
        }
    }

    private static List<StoredEvent> ofType(EventStreams streams, String type) {
        return streams.ofService(API).stream().filter(e -> e.type().equals(type)).collect(Collectors.toList());
    }

    private static StoredEvent only(EventStreams streams, String type) {
        List<StoredEvent> found = ofType(streams, type);
        assertEquals(1, found.size(), () -> type + ":" + EventStreams.describe(streams.ofService(API)));
        return found.get(0);
    }

    /** The sample WebSocket client, as scripts/demo.sh runs it: a plain JVM, no agent. */
    private static FollowerRun follow(String url, String job) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Path out = Files.createTempFile("follower", ".txt");
        try {
            Process p = new ProcessBuilder(java.toString(), "-cp", Artifacts.apiServerJar().toString(),
                    "io.emp.sample.api.JobFollowerMain", url, job, "90")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(150, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return new FollowerRun(p.isAlive() ? -1 : p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private record FollowerRun(int exitCode, String stdout) {
        @Override
        public String toString() {
            return "follower exit=" + exitCode + "\n" + stdout;
        }
    }
}
