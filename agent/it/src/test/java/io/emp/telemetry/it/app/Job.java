package io.emp.telemetry.it.app;

import java.util.Map;

/** A job as a test application models it: rule paths read its fields, getters and map entries. */
public class Job {
    private final String id;
    private final String type;
    private final Map<String, Object> payload;
    private final Owner owner;

    public Job(String id, String type, Map<String, Object> payload, Owner owner) {
        this.id = id;
        this.type = type;
        this.payload = payload;
        this.owner = owner;
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

    /** Instrumented by a rule of its own: the agent reading it for another rule must not emit. */
    public String getSummary() {
        return type + ":" + id;
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
