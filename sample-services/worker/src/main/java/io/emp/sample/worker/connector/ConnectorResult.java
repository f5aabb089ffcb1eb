package io.emp.sample.worker.connector;

import java.util.Map;

/**
 * What a connector produced: the output stored as the job's result, the media type of what it describes
 * ({@code image/png} for a generated image, {@code application/json} for plain data) and the credits it costs.
 */
public final class ConnectorResult {
    public static final String JSON = "application/json";

    private final Map<String, Object> output;
    private final String mediaType;
    private final int credits;

    private ConnectorResult(Map<String, Object> output, String mediaType, int credits) {
        this.output = Map.copyOf(output);
        this.mediaType = mediaType;
        this.credits = credits;
    }

    /** Plain data ({@link #JSON}). */
    public static ConnectorResult of(Map<String, Object> output, int credits) {
        return of(output, JSON, credits);
    }

    public static ConnectorResult of(Map<String, Object> output, String mediaType, int credits) {
        if (credits < 0) throw new IllegalArgumentException("credits must be >= 0");
        if (mediaType == null || mediaType.isBlank()) throw new IllegalArgumentException("mediaType is required");
        return new ConnectorResult(output, mediaType, credits);
    }

    public String getMediaType() {
        return mediaType;
    }

    public Map<String, Object> getOutput() {
        return output;
    }

    public int getCredits() {
        return credits;
    }
}
