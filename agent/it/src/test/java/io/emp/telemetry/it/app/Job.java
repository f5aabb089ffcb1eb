package io.emp.telemetry.it.app;

import java.util.Map;

/** A job as a test application models it: rule paths read its fields, getters and map entries. */
public class Job {
    private final String id;
    private final String type;
    private final Map<String, Object> payload;
    private final Owner owner;
    private final String summary;

    public Job(String id, String type, Map<String, Object> payload, Owner owner) {
        this.id = id;
        this.type = type;
        this.payload = payload;
        this.owner = owner;
        this.summary = type + ":" + id;
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public Map<String, Object> getPayload() {
        return payload;
    }

    public Owner getOwner() {
        return owner;
    }

    /**
     * Instrumented by a rule of its own: the agent reading it for another rule must not emit. A plain field read,
     * so a rule path may call it (a computed getter would not be called at all).
     */
    public String getSummary() {
        return summary;
    }

    public static final class Owner {
        private final String name;
        private final String apiKey;

        public Owner(String name, String apiKey) {
            this.name = name;
            this.apiKey = apiKey;
        }

        public String getName() {
            return name;
        }

        public String getApiKey() {
            return apiKey;
        }
    }
}
