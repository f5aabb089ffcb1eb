package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's end-to-end acceptance: an {@code llm} job's trace goes from the API request through the
 * worker into the connector's outgoing OkHttp call, and the HTTP stand-in for the AI service (a
 * separate JVM without the agent) receives a {@code traceparent} with the job's trace id and the
 * span id of the {@code http.client.request} event, which sits in the job's trace under the
 * connector's span. Its own small system (API server, worker, stand-in), so the jobs and counts of
 * {@link SampleSystem} stay as the other tests expect them.
 */
class LlmCallTracingE2ETest {
    private static final String API = SampleSystem.API;
    private static final String WORKER = SampleSystem.WORKER;
    private static final Pattern LISTENING = Pattern.compile("api-server listening on (http://\\S+)");
    private static final Pattern STANDIN_LISTENING = Pattern.compile("ai-standin listening on (http://\\S+)");
    private static final Pattern WORKER_READY = Pattern.compile("worker \\S+ ready");

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static ServiceProcesses processes;
    private static ServiceProcess standin;
    private static EventStreams streams;
    private static String standinUrl;
    private static String job;
    private static JsonNode finished;
    private static String callerTraceId;

    @BeforeAll
    static void runOneLlmJob() {
        processes = new ServiceProcesses(Artifacts.logsDir(LlmCallTracingE2ETest.class));
        standin = processes.start(Launch.aiStandin());
        standinUrl = standin.awaitStdoutLine(STANDIN_LISTENING, SampleSystem.START_TIMEOUT).group(1);
        ServiceProcess api = processes.start(Launch.apiServer(REDIS.uri()));
        ServiceProcess worker = processes.start(Launch.worker(REDIS.uri(), "e2e-llm-worker", "e2e-machine-1")
                .withEnvironment(Map.of("LLM_URL", standinUrl, "WORKER_CAPABILITIES", "llm")));
        URI base = URI.create(api.awaitStdoutLine(LISTENING, SampleSystem.START_TIMEOUT).group(1));
        worker.awaitStdoutLine(WORKER_READY, SampleSystem.START_TIMEOUT);
        streams = new EventStreams(REDIS.uri());

        HexFormat hex = HexFormat.of();
        callerTraceId = hex.formatHex(random(16));
        String callerSpanId = hex.formatHex(random(8));
        JobsClient jobs = new JobsClient(base);
        job = jobs.submit("{\"type\":\"llm\",\"payload\":{\"prompt\":\"name a lighthouse\",\"model\":\"standin-e2e\"}}",
                "00-" + callerTraceId + "-" + callerSpanId + "-01");
        finished = jobs.awaitFinished(job, Duration.ofSeconds(60), processes::logs);
    }

    @AfterAll
    static void stop() {
        if (streams != null) streams.close();
        if (processes != null) processes.close();
    }

    @Test
    void theConnectorsOkHttpCallIsInTheJobsTraceAndItsTraceparentReachesTheService() {
        assertEquals("completed", finished.path("status").asText(), () -> finished + processes.logs());
        assertTrue(finished.path("result").toString().contains("A stand-in answer to: name a lighthouse"),
                () -> "the connector's result is the stand-in's completion: " + finished);
        String trace = JobTrace.traceId(job);

        // API request → job.created (in the job's trace, linked to the request's caller)
        StoredEvent created = await(() -> streams.ofJob(job).stream()
                .filter(e -> "job.created".equals(e.type()) && API.equals(e.service())).findFirst(), "job.created");
        // worker → the connector's span
        StoredEvent processing = await(() -> streams.ofJob(job).stream()
                .filter(e -> "connector.processing_started".equals(e.type()) && WORKER.equals(e.service())).findFirst(),
                "connector.processing_started");
        // connector → its outgoing OkHttp call
        StoredEvent call = await(() -> streams.ofService(WORKER).stream()
                .filter(e -> "http.client.request".equals(e.type())
                        && String.valueOf(e.attributeText(Attributes.URL_FULL)).startsWith(standinUrl))
                .findFirst(), "http.client.request to the stand-in");
        String context = "\nthe job's events:" + EventStreams.describe(streams.ofJob(job))
                + "\nthe worker's events:" + EventStreams.describe(streams.ofService(WORKER)) + processes.logs();

        assertAll(context,
                () -> assertEquals(trace, created.event().traceId(), "job.created is in the job's trace"),
                () -> assertEquals(callerTraceId, created.attributeText(Attributes.LINK_TRACE_ID),
                        "job.created links to the API request's trace"),
                () -> assertEquals(trace, processing.event().traceId(), "the connector runs in the job's trace"),
                () -> assertEquals(trace, call.event().traceId(), "the OkHttp call is in the job's trace"),
                () -> assertEquals(processing.event().spanId(), call.event().parentSpanId(),
                        "the OkHttp call is a child of the connector's span"),
                () -> assertEquals(standinUrl + "/v1/completions", call.attributeText(Attributes.URL_FULL)),
                () -> assertEquals("POST", call.attributeText(Attributes.HTTP_REQUEST_METHOD)),
                () -> assertEquals("200", call.attributeText(Attributes.HTTP_RESPONSE_STATUS_CODE)));

        // the stand-in (no agent) got the call's own span as the parent of whatever it does next
        String expected = "traceparent=00-" + trace + "-" + call.event().spanId() + "-01";
        Await.until(Duration.ofSeconds(10), () -> standin.stdout().contains(expected),
                () -> "the AI stand-in did not receive " + expected + ":\n" + standin.stdout() + context);
        assertEquals(1, streams.ofService(WORKER).stream().filter(e -> "http.client.request".equals(e.type())).count(),
                () -> "one call, one event" + context);
    }

    private static StoredEvent await(java.util.function.Supplier<Optional<StoredEvent>> find, String what) {
        Await.until(Duration.ofSeconds(20), () -> find.get().isPresent(),
                () -> "no " + what + ":" + EventStreams.describe(streams.all()) + processes.logs());
        return find.get().orElseThrow();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zero
        return b;
    }
}
