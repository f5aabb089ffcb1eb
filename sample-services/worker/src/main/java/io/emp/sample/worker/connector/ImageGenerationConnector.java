package io.emp.sample.worker.connector;

import io.emp.sample.jobs.Job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Simulates a diffusion model: {@code steps} denoising steps of {@code stepDelayMs} each, reporting
 * progress after every step, then "uploads" the image. Payload: {@code prompt} (required),
 * {@code steps} (1..50, default 5), {@code stepDelayMs} (default 100), {@code width}/{@code height}
 * (default 1024). Costs one credit per step.
 */
public final class ImageGenerationConnector implements JobConnector {
    public static final String TYPE = "image-gen";
    static final int MAX_STEPS = 50;

    @Override
    public String jobType() {
        return TYPE;
    }

    @Override
    public ConnectorResult processJob(Job job, ProgressListener progress) throws InterruptedException {
        Map<String, Object> payload = job.getPayload();
        String prompt = Payloads.text(payload, "prompt", "");
        if (prompt.isBlank()) throw new IllegalArgumentException("payload.prompt is required for image-gen");
        long steps = Payloads.longValue(payload, "steps", 5);
        if (steps < 1 || steps > MAX_STEPS) throw new IllegalArgumentException("payload.steps must be 1.." + MAX_STEPS);
        long stepDelayMs = Payloads.longValue(payload, "stepDelayMs", 100);
        long width = Payloads.longValue(payload, "width", 1024);
        long height = Payloads.longValue(payload, "height", 1024);

        progress.onProgress(0, "queued on model sdxl-sim");
        for (int step = 1; step <= steps; step++) {
            Thread.sleep(stepDelayMs);
            int percent = (int) (step * 100 / steps);
            progress.onProgress(percent, "denoising step " + step + " of " + steps);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("imageUrl", "https://images.example.com/emp-sample/" + job.getId() + ".png");
        output.put("width", width);
        output.put("height", height);
        output.put("steps", steps);
        output.put("seed", Integer.toUnsignedLong(prompt.hashCode()));
        output.put("model", "sdxl-sim");
        return ConnectorResult.of(output, "image/png", (int) steps);
    }
}
