package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static io.emp.telemetry.e2e.SampleSystem.MACHINE_ID;
import static io.emp.telemetry.e2e.SampleSystem.WORKER;
import static io.emp.telemetry.e2e.SampleSystem.WORKER_ID;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4's job lifecycle across the API server and the worker (separate JVMs with the agent, real
 * Redis): the ordered events of every job, the failing job's errors in {@code emp:errors} and its
 * retry, and progress only on Pub/Sub. Issue 12's additions: job.queued (creation and the retry's
 * re-queue), job.processing_started, the created job's priority and user, the claim's queue wait, the
 * result's type and size, and the API's health checks and rejections.
 */
class JobPipelineE2ETest {
    private static final String UPSTREAM_FAILURE = "io.emp.sample.worker.connector.UpstreamServiceException";

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static ServiceProcesses processes;
    private static SampleSystem system;

    @BeforeAll
    static void runJobs() {
        processes = new ServiceProcesses(Artifacts.logsDir(JobPipelineE2ETest.class));
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
    void everyJobRunsThroughItsLifecycleInOrderAcrossServices() {
        assertAll(system.allJobs().stream().map(job -> () -> system.awaitTimeline(job)));
    }

    @Test
    void lifecycleEventsCarryTheWorkerMachineAndJobAttributes() {
        List<StoredEvent> echo = system.awaitTimeline(system.echoJob);
        StoredEvent created = echo.get(0);
        StoredEvent queued = echo.get(1);
        StoredEvent claimed = echo.get(2);
        StoredEvent processing = echo.get(3);
        StoredEvent started = echo.get(4);
        StoredEvent processed = echo.get(5);
        StoredEvent completed = echo.get(9);
        String priority = Integer.toString(SampleSystem.ECHO_PRIORITY);
        assertAll(
                () -> assertEquals("echo", created.attributeText("jobType"), created::toString),
                () -> assertEquals("0", created.attributeText("maxRetries"), created::toString),
                () -> assertEquals(priority, created.attributeText("priority"), created::toString),
                () -> assertEquals(SampleSystem.ECHO_USER, created.event().userId(), created::toString),
                () -> assertNull(created.event().workerId(), created::toString),
                () -> assertEquals("created", queued.attributeText("reason"), queued::toString),
                () -> assertEquals("echo", queued.attributeText("queueName"), queued::toString),
                () -> assertEquals(priority, queued.attributeText("priority"), queued::toString),
                () -> assertEquals(SampleSystem.ECHO_USER, queued.event().userId(), queued::toString),
                () -> assertEquals("1", claimed.attributeText("attempt"), claimed::toString),
                () -> assertEquals("echo", claimed.attributeText("jobType"), claimed::toString),
                () -> assertEquals(priority, claimed.attributeText("priority"), claimed::toString),
                () -> assertQueueWait(claimed, created),
                () -> assertEquals("EchoConnector", processing.attributeText("connector"), processing::toString),
                () -> assertEquals("1", processing.attributeText("attempt"), processing::toString),
                () -> assertEquals("EchoConnector", started.attributeText("connector"), started::toString),
                () -> assertEquals("EchoConnector", processed.attributeText("connector"), processed::toString),
                () -> assertNotNull(processed.attribute(Attributes.DURATION_MS), processed::toString),
                () -> assertNotNull(completed.attribute(Attributes.DURATION_MS), completed::toString),
                () -> assertEquals("application/json", completed.attributeText("resultType"), completed::toString),
                () -> assertEquals("1", completed.attributeText("resultSize"), completed::toString));
        for (StoredEvent e : List.of(claimed, processing, started, processed, completed)) {
            assertEquals(WORKER_ID, e.event().workerId(), e::toString);
            assertEquals(MACHINE_ID, e.event().machineId(), e::toString);
        }
    }

    @Test
    void anImageJobsCompletionNamesItsMediaTypeAndSize() {
        StoredEvent completed = system.awaitTimeline(system.imageJob).get(9);
        assertEquals("job.completed", completed.type());
        assertEquals("image/png", completed.attributeText("resultType"), completed::toString);
        assertEquals("6", completed.attributeText("resultSize"), "imageUrl, width, height, steps, seed, model: " + completed);
    }

    /** The wait is measured on the Redis clock (queued_at to claimed_at): at least 0, at most the time from creation to claim plus slack. */
    private static void assertQueueWait(StoredEvent claimed, StoredEvent created) {
        Object wait = claimed.attribute("queueWaitMs");
        assertNotNull(wait, claimed::toString);
        long ms = Long.parseLong(String.valueOf(wait));
        long createdToClaimed = claimed.event().timestamp() - created.event().timestamp();
        assertTrue(ms >= 0 && ms <= createdToClaimed + 1_000, "queueWaitMs " + ms + " for a claim "
                + createdToClaimed + " ms after job.created: " + claimed);
    }

    @Test
    void workerAnnouncesStartingAndReadyBeforeItClaims() {
        List<StoredEvent> own = system.streams.ofService(WORKER);
        List<String> types = own.stream().map(StoredEvent::type).collect(Collectors.toList());
        int starting = types.indexOf("worker.starting");
        int ready = types.indexOf("worker.ready");
        int firstClaim = types.indexOf("job.claimed");
        assertTrue(starting >= 0 && starting < ready && ready < firstClaim,
                () -> "expected worker.starting, worker.ready, then job.claimed:" + EventStreams.describe(own));
        for (StoredEvent e : List.of(own.get(starting), own.get(ready))) {
            assertEquals(WORKER_ID, e.event().workerId(), e::toString);
            assertEquals(MACHINE_ID, e.event().machineId(), e::toString);
        }
    }

    @Test
    void failingJobIsRetriedOnceAndItsErrorsGoToTheErrorStream() {
        JsonNode job = system.flakyJobFinal;
        assertEquals("failed", job.path("status").asText(), job::toString);
        assertEquals(2, job.path("attempt").asInt(), job::toString);

        List<StoredEvent> timeline = system.awaitTimeline(system.flakyJob);
        assertEquals("1", timeline.get(2).attributeText("attempt"), timeline.get(2)::toString);
        assertEquals("2", timeline.get(7).attributeText("attempt"), timeline.get(7)::toString);
        // failJob put the job back into its queue for the retry; the second claim waited since then
        StoredEvent requeued = timeline.get(6);
        assertAll(requeued.toString(),
                () -> assertEquals("job.queued", requeued.type()),
                () -> assertEquals("retry", requeued.attributeText("reason")),
                () -> assertEquals("1", requeued.attributeText("attempt")),
                () -> assertEquals("flaky", requeued.attributeText("queueName")),
                () -> assertEquals(WORKER_ID, requeued.event().workerId()));
        assertQueueWait(timeline.get(7), requeued);
        for (int attempt = 1; attempt <= 2; attempt++) {
            StoredEvent failure = timeline.get(5 * attempt);
            String expectedMessage = "attempt " + attempt;
            assertAll(failure.toString(),
                    () -> assertEquals(StreamDefaults.ERRORS_STREAM, failure.stream()),
                    () -> assertEquals(UPSTREAM_FAILURE, failure.event().errorType()),
                    () -> assertTrue(failure.event().errorMessage().contains(expectedMessage)),
                    () -> assertTrue(failure.event().errorStack().startsWith(UPSTREAM_FAILURE)),
                    () -> assertEquals("FlakyConnector", failure.attributeText("connector")));
        }
        // job.failed is the worker rule's return event (no exception escapes failJob): a lifecycle event
        // that describes the error in its attributes, not an error entry.
        StoredEvent failed = timeline.get(11);
        assertAll(failed.toString(),
                () -> assertNull(failed.event().errorType()),
                () -> assertEquals("2", failed.attributeText("attempt")),
                () -> assertEquals("1", failed.attributeText("maxRetries")),
                () -> assertTrue(String.valueOf(failed.attributeText("error")).contains("HTTP 503")));

        List<StoredEvent> all = system.streams.all();
        List<StoredEvent> misplaced = all.stream()
                .filter(e -> e.inErrorStream() != (e.event().errorType() != null)).collect(Collectors.toList());
        assertTrue(misplaced.isEmpty(), () -> "an event is in emp:errors exactly when it has an errorType:"
                + EventStreams.describe(misplaced));
        List<StoredEvent> otherErrors = all.stream()
                .filter(e -> e.inErrorStream() && !system.flakyJob.equals(e.event().jobId())).collect(Collectors.toList());
        assertTrue(otherErrors.isEmpty(), () -> "only the failing job has errors:" + EventStreams.describe(otherErrors));
    }

    @Test
    void progressGoesOnlyToTheJobStatusChannel() {
        String imageJob = system.imageJob;
        system.awaitTimeline(imageJob);
        // published before job.completed was written, but the subscriber's connection may still be reading them
        Await.holdsWithin(Duration.ofSeconds(5), () -> system.status.of(imageJob).size() >= 4);
        List<JsonNode> messages = system.status.of(imageJob);
        List<Integer> progress = messages.stream().map(m -> m.path("progress").asInt(-1)).collect(Collectors.toList());
        assertEquals(List.of(0, 33, 66, 100), progress, () -> "progress on " + StatusChannels.channelOf(imageJob)
                + ": " + messages);
        for (JsonNode m : messages) {
            assertAll(m.toString(),
                    () -> assertEquals(imageJob, m.path("jobId").asText()),
                    () -> assertEquals(WORKER, m.path("service").asText()),
                    () -> assertEquals("job.progress_updated", m.path("eventType").asText()));
        }
        assertTrue(system.status.of(system.echoJob).isEmpty(),
                () -> "the echo connector reports no progress: " + system.status.of(system.echoJob));

        List<StoredEvent> progressInStreams = system.streams.all().stream()
                .filter(e -> e.type().contains("progress") || e.event().data().containsKey("progress"))
                .collect(Collectors.toList());
        assertTrue(progressInStreams.isEmpty(), () -> "progress must never be written to a stream:"
                + EventStreams.describe(progressInStreams));
    }

    @Test
    void theApisHealthChecksAndRejectionsAreEventsNotErrors() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        int health = http.send(java.net.http.HttpRequest.newBuilder(system.api.resolve("/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        int invalid = http.send(java.net.http.HttpRequest.newBuilder(system.api.resolve("/jobs"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"echo\",\"priority\":99}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(200, health);
        assertEquals(400, invalid);

        Await.until(Duration.ofSeconds(20), () -> system.streams.ofService(SampleSystem.API).stream()
                .anyMatch(e -> e.type().equals("api.request_rejected")),
                () -> "no api.request_rejected:" + EventStreams.describe(system.streams.ofService(SampleSystem.API)));
        List<StoredEvent> api = system.streams.ofService(SampleSystem.API);
        StoredEvent rejected = api.stream().filter(e -> e.type().equals("api.request_rejected")).findFirst().orElseThrow();
        assertAll(rejected.toString(),
                () -> assertEquals("validation", rejected.attributeText("reason")),
                () -> assertEquals("400", rejected.attributeText(Attributes.HTTP_RESPONSE_STATUS_CODE)),
                () -> assertEquals("/jobs", rejected.attributeText(Attributes.URL_PATH)),
                () -> assertEquals(StreamDefaults.EVENTS_STREAM, rejected.stream()));
        Await.until(Duration.ofSeconds(20), () -> system.streams.ofService(SampleSystem.API).stream()
                .anyMatch(e -> e.type().equals("health_check.performed")),
                () -> "no health_check.performed:" + EventStreams.describe(system.streams.ofService(SampleSystem.API)));
        StoredEvent check = system.streams.ofService(SampleSystem.API).stream()
                .filter(e -> e.type().equals("health_check.performed")).findFirst().orElseThrow();
        assertAll(check.toString(),
                () -> assertEquals("healthy", check.attributeText("status")),
                () -> assertEquals("200", check.attributeText(Attributes.HTTP_RESPONSE_STATUS_CODE)),
                () -> assertNotNull(check.attribute(Attributes.DURATION_MS)));
        List<StoredEvent> healthAsRequests = system.streams.ofService(SampleSystem.API).stream()
                .filter(e -> e.type().equals("http.server.request") && "/health".equals(e.attributeText(Attributes.URL_PATH)))
                .collect(Collectors.toList());
        assertTrue(healthAsRequests.isEmpty(), () -> "a health check is not also a request:" + EventStreams.describe(healthAsRequests));
        List<StoredEvent> apiErrors = system.streams.all().stream()
                .filter(e -> e.inErrorStream() && e.service().equals(SampleSystem.API)).collect(Collectors.toList());
        assertTrue(apiErrors.isEmpty(), () -> "a 400 is no error:" + EventStreams.describe(apiErrors));
    }
}
