package io.emp.telemetry.e2e;

import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent attached to an application without Jetty, Jedis, Lettuce or OkHttp (the libraries its
 * built-in instrumentations name): the application runs as without the agent, the agent still works
 * (its worker rule fires), and it logs no error or warning.
 */
class AgentWithoutLibrariesE2ETest {
    private static final Pattern TROUBLE = Pattern.compile("(?i)\\b(error|warn|warning|severe|exception)\\b|\\tat ");
    /**
     * HotSpot, not the agent, prints this once for every agent that appends to the boot class path
     * (the agent's bridge must live there); it says class data sharing is off for the other loaders.
     */
    private static final String HOTSPOT_CDS_NOTICE =
            "VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended";

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private final ServiceProcesses processes = new ServiceProcesses(Artifacts.logsDir(AgentWithoutLibrariesE2ETest.class));

    @AfterEach
    void stopAll() {
        processes.close();
    }

    @Test
    void agentOnAnApplicationWithoutJettyJedisOrLettuceLogsNoErrorAndStillWorks() {
        ServiceProcess app = processes.start(Launch.testApp(REDIS.uri(), "plain-app", PlainApp.class));
        int exit = app.awaitExit(Duration.ofSeconds(90));

        assertEquals(0, exit, app::logs);
        assertTrue(app.stdout().contains("plain-app done"), app::logs);
        assertTrue(app.stdout().contains("absent: okhttp3.OkHttpClient")
                && app.stdout().contains("absent: io.lettuce.core.RedisClient"), app::logs);
        List<String> trouble = Arrays.stream(app.stderr().split("\n"))
                .filter(line -> TROUBLE.matcher(line).find() && !line.contains(HOTSPOT_CDS_NOTICE))
                .collect(Collectors.toList());
        assertTrue(trouble.isEmpty(), () -> "the agent logged errors or warnings: " + trouble + app.logs());

        try (EventStreams streams = new EventStreams(REDIS.uri())) {
            Await.until(Duration.ofSeconds(10), () -> streams.ofService("plain-app").stream()
                            .anyMatch(e -> e.type().equals("worker.ready") && "plain-worker-1".equals(e.event().workerId())),
                    () -> "the agent was not active: no worker.ready of plain-worker-1:"
                            + EventStreams.describe(streams.all()) + app.logs());
        }
    }
}
