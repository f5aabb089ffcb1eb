package io.emp.sample.worker.connector;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobJson;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks an AI completion service over HTTP with OkHttp 4, the client most AI SDKs for Java use:
 * {@code POST <LLM_URL>/v1/completions} with {@code {"model", "prompt"}}. Locally that is the
 * sample's {@code ai-standin}. Payload: {@code prompt} (required), {@code model} ({@code standin-1}).
 * Result: the completion text, the model and the service's answer id; 1 credit. A 5xx or any other
 * non-2xx answer is an {@link UpstreamServiceException} with its status; no answer at all (connection
 * refused, timeout) is the {@link IOException} OkHttp threw.
 */
public final class LlmConnector implements JobConnector {
    public static final String TYPE = "llm";
    /** Where the service is when {@code LLM_URL} is not set: the stand-in's default port. */
    static final String DEFAULT_URL = "http://127.0.0.1:8090";
    private static final MediaType JSON = MediaType.get("application/json");

    private final String baseUrl;
    /** Built on the first job: every worker constructs every connector, most never run an llm job. */
    private volatile OkHttpClient client;

    public LlmConnector() {
        this(System.getenv().getOrDefault("LLM_URL", DEFAULT_URL));
    }

    LlmConnector(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private OkHttpClient client() {
        OkHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) client = c = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
            }
        }
        return c;
    }

    @Override
    public String jobType() {
        return TYPE;
    }

    @Override
    public ConnectorResult processJob(Job job, ProgressListener progress) throws IOException, UpstreamServiceException {
        Map<String, Object> payload = job.getPayload();
        String prompt = Payloads.text(payload, "prompt", "");
        if (prompt.isBlank()) throw new IllegalArgumentException("payload.prompt is required for llm");
        String model = Payloads.text(payload, "model", "standin-1");
        Request request = new Request.Builder()
                .url(baseUrl + "/v1/completions")
                .post(RequestBody.create(JobJson.write(Map.of("model", model, "prompt", prompt)), JSON))
                .build();
        try (Response response = client().newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw new UpstreamServiceException(response.code(),
                        "AI service answered HTTP " + response.code() + " on attempt " + job.getAttempt());
            }
            Map<String, Object> completion = JobJson.readObject(text);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("completion", firstChoiceText(completion));
            output.put("model", String.valueOf(completion.getOrDefault("model", model)));
            output.put("completionId", String.valueOf(completion.get("id")));
            return ConnectorResult.of(output, 1);
        }
    }

    private static String firstChoiceText(Map<String, Object> completion) {
        Object choices = completion.get("choices");
        if (choices instanceof List && !((List<?>) choices).isEmpty() && ((List<?>) choices).get(0) instanceof Map) {
            return String.valueOf(((Map<?, ?>) ((List<?>) choices).get(0)).get("text"));
        }
        return "";
    }
}
