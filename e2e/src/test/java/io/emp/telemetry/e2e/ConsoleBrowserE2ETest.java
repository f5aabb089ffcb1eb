package io.emp.telemetry.e2e;

import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real headless Chromium, with the sample API server and worker running with
 * the agent and the console as its own JVM ({@code emp-collector console}): the jobs page's
 * progress bar advancing for a slow image generation, a failed job's waterfall with its errors
 * highlighted, a new event on the live page within one second, and every other page with real
 * data. Screenshots of each page go to {@code target/console-screenshots/}.
 */
class ConsoleBrowserE2ETest {
    private static final Pattern API_LISTENING = Pattern.compile("api-server listening on (http://\\S+)");
    private static final Pattern WORKER_READY = Pattern.compile("worker \\S+ ready");
    private static final Pattern CONSOLE_LISTENING = Pattern.compile("console: listening on (http://\\S+/)");
    private static final String WORKER_ID = "console-worker-1";
    private static final String MACHINE_ID = "console-gpu-1";
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    /** Three JVMs with the agent start together; on a loaded 2-core machine that can take minutes. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static ServiceProcesses processes;
    private static JobsClient jobs;
    private static String console;
    private static Browser browser;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void startEverything() {
        processes = new ServiceProcesses(Artifacts.logsDir(ConsoleBrowserE2ETest.class));
        ServiceProcess api = processes.start(Launch.apiServer(REDIS.uri()));
        ServiceProcess worker = processes.start(Launch.worker(REDIS.uri(), WORKER_ID, MACHINE_ID));
        ServiceProcess consoleProcess = processes.start(Launch.console(REDIS.uri()));
        jobs = new JobsClient(URI.create(api.awaitStdoutLine(API_LISTENING, START_TIMEOUT).group(1)));
        worker.awaitStdoutLine(WORKER_READY, START_TIMEOUT);
        console = consoleProcess.awaitStdoutLine(CONSOLE_LISTENING, START_TIMEOUT).group(1);
        redisClient = RedisClient.create(REDIS.uri());
        redis = redisClient.connect();
        browser = Browser.open(Path.of(System.getProperty("e2e.screenshots.dir", "target/console-screenshots")));
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (browser != null) browser.close();
            if (redis != null) redis.close();
            if (redisClient != null) redisClient.shutdown();
        } finally {
            processes.close();
        }
    }

    @Test
    void theJobsPageShowsTheProgressBarOfASlowImageGenerationAdvancing() {
        browser.get(console + "jobs.html");
        String job = jobs.submit("{\"type\":\"image-gen\",\"payload\":{\"prompt\":\"a lighthouse at dusk\",\"steps\":10,\"stepDelayMs\":1000}}");
        String bar = "tr[data-job='" + job + "'] .progress";
        List<Integer> seen = new ArrayList<>();
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        boolean shot = false;
        while (System.nanoTime() < deadline && seen.size() < 3) {
            // Read in the page: the row is replaced on every status message.
            Object p = browser.script("const e = document.querySelector(arguments[0]); return e ? e.dataset.progress : null;",
                    "#running " + bar);
            if (p instanceof String s && !s.isEmpty()) {
                int percent = Integer.parseInt(s);
                if (seen.isEmpty() || seen.get(seen.size() - 1) != percent) seen.add(percent);
                if (!shot && percent > 0) {
                    browser.screenshot("jobs");
                    shot = true;
                }
            }
            sleep(100);
        }
        assertTrue(seen.size() >= 3, "progress values seen on the jobs page: " + seen + processes.logs());
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) > seen.get(i - 1), "advancing: " + seen);

        // The job page shows the same live progress while the job runs.
        browser.get(console + "job.html?id=" + job);
        browser.await(PAGE_TIMEOUT, "live progress on the job page", d -> {
            List<WebElement> p = browser.all("#job-live .progress[data-progress]");
            return !p.isEmpty() && !p.get(0).getAttribute("data-progress").isEmpty();
        });
        browser.screenshot("job-running");
        assertEquals("completed", jobs.awaitFinished(job, JOB_TIMEOUT, processes::logs).path("status").asText());
        browser.get(console + "jobs.html");
        browser.await(PAGE_TIMEOUT, "the job listed as completed", d ->
                !browser.all("#finished tr[data-job='" + job + "'] .badge.completed").isEmpty());
    }

    @Test
    void theJobPageOfAFailedJobShowsTheWaterfallWithTheErrorHighlighted() {
        String job = jobs.submit("{\"type\":\"flaky\",\"payload\":{\"fail\":true},\"maxRetries\":1}");
        assertEquals("failed", jobs.awaitFinished(job, JOB_TIMEOUT, processes::logs).path("status").asText());
        browser.get(console + "job.html?id=" + job);
        browser.await(PAGE_TIMEOUT, "the failed outcome", d -> {
            List<WebElement> o = browser.all("#outcome");
            if (!o.isEmpty() && o.get(0).getText().equals("failed")) return true;
            d.navigate().refresh(); // the worker's last events may still be on their way
            return false;
        });
        List<WebElement> errors = browser.all(".wf-row.error[data-type='connector.processing_failed']");
        assertEquals(2, errors.size(), "both failed attempts are error rows");
        String color = errors.get(0).findElement(By.cssSelector(".wf-bar")).getCssValue("border-left-color")
                + errors.get(0).findElement(By.cssSelector(".wf-bar")).getCssValue("background-color");
        assertTrue(color.contains("220, 38, 38"), "errors are red: " + color);
        assertFalse(browser.all(".wf-lane[data-lane='worker']").isEmpty(), "a lane for the worker");
        assertFalse(browser.all(".wf-lane[data-lane='api-server']").isEmpty(), "a lane for the API server");
        assertTrue(browser.all(".wf-row[data-type='job.claimed']").size() >= 2, "one row per event");
        errors.get(0).click();
        WebElement stack = browser.await(PAGE_TIMEOUT, "the stack", d -> d.findElement(By.id("error-stack")));
        assertTrue(stack.getText().contains("UpstreamServiceException"), stack.getText());
        assertTrue(browser.driver().findElement(By.id("error-message")).getText().contains("HTTP 503"));
        browser.screenshot("job-failed");

        // The request that created the job, one click away.
        browser.driver().findElement(By.id("request-trace")).click();
        browser.await(PAGE_TIMEOUT, "the request's trace", d -> !browser.all(".wf-row[data-type='http.server.request']").isEmpty());
        browser.screenshot("trace");

        browser.get(console + "errors.html");
        browser.await(PAGE_TIMEOUT, "the error group", d -> browser.all("#groups tr").stream()
                .anyMatch(r -> r.getText().contains("UpstreamServiceException")));
        assertFalse(browser.all("#error-rate polyline.series").isEmpty(), "the errors-per-minute chart");
        browser.screenshot("errors");
    }

    @Test
    void aNewEventAppearsOnTheLivePageWithinOneSecond() {
        browser.get(console + "live.html");
        browser.await(PAGE_TIMEOUT, "the live feed open", d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));
        // The page's own clock notes when each row appears; the test's clock when the event was written (same machine).
        browser.script("window.__seen = {}; new MutationObserver(ms => ms.forEach(m => m.addedNodes.forEach(n => {"
                + " if (n.dataset && n.dataset.entry) window.__seen[n.dataset.entry] = Date.now(); })))"
                + ".observe(document.getElementById('events'), {childList: true});");
        // Three probes a little apart; the median must be under a second (one probe can meet a scheduling stall
        // on a loaded build machine; three cannot all be slow by chance).
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long written = System.currentTimeMillis();
            String entry = redis.sync().xadd(StreamDefaults.EVENTS_STREAM, EventCodec.encode(probe("console.probe")));
            Number shownAt = browser.await(Duration.ofSeconds(5), "the probe event on the live page",
                    d -> (Number) browser.script("return window.__seen[arguments[0]] || null;", entry));
            latencies.add(shownAt.longValue() - written);
            sleep(300);
        }
        System.out.println("ConsoleBrowserE2ETest: live page latencies (ms, XADD to row in the page): " + latencies);
        List<Long> sorted = latencies.stream().sorted().toList();
        assertTrue(sorted.get(1) < 1000, "events appeared on the live page after " + latencies + " ms");
        browser.screenshot("live");

        // Paused, new events are held and counted; resumed, they are shown.
        browser.driver().findElement(By.id("pause")).click();
        String held = redis.sync().xadd(StreamDefaults.EVENTS_STREAM, EventCodec.encode(probe("console.probe_held")));
        browser.await(PAGE_TIMEOUT, "held while paused", d -> d.findElement(By.id("counter")).getText().contains("held"));
        assertTrue(browser.all("tr[data-entry='" + held + "']").isEmpty(), "not shown while paused");
        browser.driver().findElement(By.id("pause")).click();
        browser.await(PAGE_TIMEOUT, "shown after resume", d -> !browser.all("tr[data-entry='" + held + "']").isEmpty());
    }

    @Test
    void machinesAndThroughputShowWhatTheWorkerDid() {
        String job = jobs.submit("{\"type\":\"echo\",\"payload\":{\"text\":\"throughput\"}}");
        jobs.awaitFinished(job, JOB_TIMEOUT, processes::logs);
        browser.get(console + "machines.html");
        browser.await(PAGE_TIMEOUT, "the worker", d -> !browser.all("#workers tr[data-worker='" + WORKER_ID + "']").isEmpty());
        redis.sync().publish("machine:" + MACHINE_ID + ":gpu", "{\"gpuTemp\":71.5,\"gpuUtil\":93,\"memUsedMb\":18342,\"memTotalMb\":24576}");
        browser.await(PAGE_TIMEOUT, "the GPU statistics", d -> browser.all("tr[data-machine='" + MACHINE_ID + "']").stream()
                .anyMatch(r -> r.getText().contains("gpuTemp 71.5")));
        browser.screenshot("machines");

        browser.get(console + "throughput.html");
        browser.await(PAGE_TIMEOUT, "the jobs chart", d -> !browser.all("polyline[data-series='created']").isEmpty());
        browser.screenshot("throughput");
    }

    private static TelemetryEvent probe(String type) {
        String job = "probe-" + UUID.randomUUID();
        return TelemetryEvent.builder(type).timestamp(System.currentTimeMillis()).service("e2e-probe").jobId(job)
                .traceId(JobTrace.traceId(job)).spanId("00f067aa0ba902b7").build();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
