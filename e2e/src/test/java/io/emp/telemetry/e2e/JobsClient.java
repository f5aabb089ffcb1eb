package io.emp.telemetry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/** The sample API over real HTTP: {@code POST /jobs}, {@code GET /jobs/{id}}. */
final class JobsClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL_STATUSES = Set.of("completed", "failed");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JobsClient(URI base) {
        this.base = base;
    }

    /** Creates a job; its id. */
    String submit(String jobJson) {
        return submit(jobJson, null);
    }

    /** Creates a job with an incoming W3C {@code traceparent} header (none when null); its id. */
    String submit(String jobJson, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/jobs"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jobJson));
        if (traceparent != null) request.header("traceparent", traceparent);
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /jobs " + jobJson + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body()).path("id").asText();
    }

    JsonNode get(String jobId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId))
                .timeout(Duration.ofSeconds(30)).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /jobs/" + jobId + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Polls the job until it is completed or failed; the job as the API shows it then. {@code context}: the logs to quote. */
    JsonNode awaitFinished(String jobId, Duration timeout, Supplier<String> context) {
        return awaitStatus(jobId, FINAL_STATUSES, timeout, context);
    }

    /** Polls the job until its status is one of {@code statuses}; the job as the API shows it then. */
    JsonNode awaitStatus(String jobId, Set<String> statuses, Duration timeout, Supplier<String> context) {
        JsonNode[] last = {null};
        Await.until(timeout, () -> {
            last[0] = get(jobId);
            return statuses.contains(last[0].path("status").asText());
        }, () -> "job " + jobId + " did not reach " + statuses + " within " + timeout + "; last seen " + last[0] + context.get());
        return last[0];
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
