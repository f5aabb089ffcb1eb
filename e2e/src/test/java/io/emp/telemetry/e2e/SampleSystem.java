package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sample job system under test, started once per test class: the API server and the worker as
 * separate JVMs with the agent, a reader of both streams, a subscriber on the job status channels
 * (subscribed before the first job), and four jobs submitted together over HTTP and run to the end:
 * an echo (with a priority and the submitting user), an image generation with progress, one that always
 * fails and is retried once, and an echo whose request carries a caller's {@code traceparent}.
 */
final class SampleSystem implements AutoCloseable {
    static final String API = "api-server";
    static final String WORKER = "worker";
    static final String WORKER_ID = "e2e-worker-1";
    static final String MACHINE_ID = "e2e-machine-1";
    /** The echo job's submitter and priority. */
    static final String ECHO_USER = "e2e-user-7";
    static final int ECHO_PRIORITY = 6;
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("api-server listening on (http://\\S+)");
    private static final Pattern WORKER_READY = Pattern.compile("worker \\S+ ready");

    final ServiceProcesses processes;
    /** The API server's base address, for requests of a test's own. */
    final URI api;
    final EventStreams streams;
    final StatusChannels status;
    final String echoJob;
    final String imageJob;
    final String flakyJob;
    final String tracedJob;
    /** The flaky job as the API shows it at the end. */
    final JsonNode flakyJobFinal;
    /** The caller's trace and span sent as {@code traceparent} with the traced job's POST. */
    final String callerTraceId;
    final String callerSpanId;

    /** Submits the four jobs together, then waits until each has finished. */
    private SampleSystem(ServiceProcesses processes, EventStreams streams, StatusChannels status, URI api) {
        JobsClient jobs = new JobsClient(api);
        this.processes = processes;
        this.api = api;
        this.streams = streams;
        this.status = status;
        HexFormat hex = HexFormat.of();
        callerTraceId = hex.formatHex(randomId(16));
        callerSpanId = hex.formatHex(randomId(8));

        echoJob = jobs.submit("{\"type\":\"echo\",\"payload\":{\"text\":\"hello e2e\"},\"priority\":" + ECHO_PRIORITY
                + ",\"userId\":\"" + ECHO_USER + "\"}");
        imageJob = jobs.submit("{\"type\":\"image-gen\",\"payload\":{\"prompt\":\"a lighthouse at dusk\",\"steps\":3,\"stepDelayMs\":50}}");
        flakyJob = jobs.submit("{\"type\":\"flaky\",\"payload\":{\"fail\":true},\"maxRetries\":1}");
        tracedJob = jobs.submit("{\"type\":\"echo\",\"payload\":{\"text\":\"traced\"}}",
                "00-" + callerTraceId + "-" + callerSpanId + "-01");

        for (String job : List.of(echoJob, imageJob, tracedJob)) {
            JsonNode done = jobs.awaitFinished(job, JOB_TIMEOUT, processes::logs);
            assertEquals("completed", done.path("status").asText(), () -> "job " + done + processes.logs());
        }
        // The worker is done with the flaky job once it failed its last attempt. Where the sample's reactions run, the
        // job-failed reaction then schedules a retry through the jobs library within milliseconds, and the job stays
        // retry_scheduled: polling for "failed" alone would miss that short window and wait for the end of the timeout.
        flakyJobFinal = jobs.awaitStatus(flakyJob, Set.of("completed", "failed", "retry_scheduled"), JOB_TIMEOUT,
                processes::logs);
    }

    /**
     * Starts everything and runs the jobs. The processes are registered in {@code processes} as soon
     * as they start, so the caller's {@code @AfterAll} ends them even when this throws.
     */
    static SampleSystem start(String redisUri, ServiceProcesses processes) {
        return start(redisUri, processes, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #start(String, ServiceProcesses)}, each service's launch adjusted by {@code customize} (environment …). */
    static SampleSystem start(String redisUri, ServiceProcesses processes, java.util.function.UnaryOperator<Launch> customize) {
        ServiceProcess api = processes.start(customize.apply(Launch.apiServer(redisUri)));
        ServiceProcess worker = processes.start(customize.apply(Launch.worker(redisUri, WORKER_ID, MACHINE_ID)));
        URI base = URI.create(api.awaitStdoutLine(LISTENING, START_TIMEOUT).group(1));
        worker.awaitStdoutLine(WORKER_READY, START_TIMEOUT);
        EventStreams streams = new EventStreams(redisUri);
        StatusChannels status = null;
        try {
            status = new StatusChannels(redisUri);
            return new SampleSystem(processes, streams, status, base);
        } catch (RuntimeException | Error e) {
            if (status != null) status.close();
            streams.close();
            throw e;
        }
    }

    List<String> allJobs() {
        return List.of(echoJob, imageJob, flakyJob, tracedJob);
    }

    /** The lifecycle every job of the sample except the flaky one goes through. */
    static JobTimeline completedJob() {
        return JobTimeline.expect()
                .then(API, "job.created")
                .then(API, "job.queued")
                .then(WORKER, "job.claimed")
                .then(WORKER, "job.processing_started")      // ConnectorRunner.run(connector, job)
                .then(WORKER, "connector.processing_started")
                .then(WORKER, "connector.processing_completed")
                .then(WORKER, "billing.charge.started")      // BillingRecorder: the annotation API,
                .then(WORKER, "billing.recorded")            // and the facade,
                .then(WORKER, "billing.charge.completed")    // inside completeJob
                .then(WORKER, "job.completed");
    }

    /** The flaky job: fails, is queued again for its retry, fails for good. */
    static JobTimeline failedAfterOneRetry() {
        return JobTimeline.expect()
                .then(API, "job.created")
                .then(API, "job.queued")
                .then(WORKER, "job.claimed")
                .then(WORKER, "job.processing_started")
                .then(WORKER, "connector.processing_started")
                .thenError(WORKER, "connector.processing_failed")
                .then(WORKER, "job.queued")                  // failJob put it back: a retry remains
                .then(WORKER, "job.claimed")
                .then(WORKER, "job.processing_started")
                .then(WORKER, "connector.processing_started")
                .thenError(WORKER, "connector.processing_failed")
                .then(WORKER, "job.failed");
    }

    JobTimeline expectedTimeline(String jobId) {
        return jobId.equals(flakyJob) ? failedAfterOneRetry() : completedJob();
    }

    /**
     * Waits until the job's lifecycle events are all written, then checks them against its expected
     * timeline; the job's events in timeline order.
     */
    List<StoredEvent> awaitTimeline(String jobId) {
        JobTimeline timeline = expectedTimeline(jobId);
        Await.holdsWithin(EVENTS_TIMEOUT, () -> timeline.isComplete(streams.ofJob(jobId)));
        try {
            return timeline.check(jobId, streams.ofJob(jobId));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + processes.logs(), e);
        }
    }

    @Override
    public void close() {
        status.close();
        streams.close();
    }

    private static byte[] randomId(int bytes) {
        byte[] id = new byte[bytes];
        new SecureRandom().nextBytes(id);
        id[0] |= 1; // never the invalid all-zero id
        return id;
    }
}
