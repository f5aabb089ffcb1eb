package io.emp.sample.worker.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connectors this worker ships with, by job type. */
public final class Connectors {
    private Connectors() {
    }

    public static Map<String, JobConnector> all() {
        Map<String, JobConnector> byType = new LinkedHashMap<>();
        for (JobConnector connector : List.of(new EchoConnector(), new ImageGenerationConnector(),
                new FlakyConnector(), new SlowConnector(), new LlmConnector())) {
            byType.put(connector.jobType(), connector);
        }
        return byType;
    }

    /** The connectors for {@code capabilities}; an unknown capability is a configuration error. */
    public static Map<String, JobConnector> forCapabilities(List<String> capabilities) {
        Map<String, JobConnector> all = all();
        Map<String, JobConnector> chosen = new LinkedHashMap<>();
        for (String capability : capabilities) {
            JobConnector connector = all.get(capability);
            if (connector == null) {
                throw new IllegalArgumentException("unknown capability '" + capability + "'; known job types: " + all.keySet());
            }
            chosen.put(capability, connector);
        }
        if (chosen.isEmpty()) throw new IllegalArgumentException("a worker needs at least one capability");
        return chosen;
    }
}
