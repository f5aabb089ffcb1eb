package io.emp.sample.worker.connector;

import java.util.Map;

/** What a connector produced: the output stored as the job's result, and the credits it costs. */
public final class ConnectorResult {
    private final Map<String, Object> output;
    private final int credits;

    private ConnectorResult(Map<String, Object> output, int credits) {
        this.output = Map.copyOf(output);
        this.credits = credits;
    }

    public static ConnectorResult of(Map<String, Object> output, int credits) {
        if (credits < 0) throw new IllegalArgumentException("credits must be >= 0");
        return new ConnectorResult(output, credits);
    }

    public Map<String, Object> getOutput() {
        return output;
    }

    public int getCredits() {
        return credits;
    }
}
