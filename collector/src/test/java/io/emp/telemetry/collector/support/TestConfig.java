package io.emp.telemetry.collector.support;

import io.emp.telemetry.collector.config.CollectorConfig;

import java.util.HashMap;
import java.util.Map;

/** Collector configuration for tests: short waits, any free health port; given as environment variables. */
public final class TestConfig {
    private final Map<String, String> env = new HashMap<>();

    public TestConfig(String redisUrl) {
        env.put("EMP_REDIS_URL", redisUrl);
        env.put("EMP_COLLECTOR_BATCH_WAIT", "100ms");
        env.put("EMP_COLLECTOR_BATCH_SIZE", "100");
        env.put("EMP_COLLECTOR_CLAIM_IDLE", "2s");
        env.put("EMP_COLLECTOR_CLAIM_INTERVAL", "500ms");
        env.put("EMP_COLLECTOR_RETRY_INITIAL", "100ms");
        env.put("EMP_COLLECTOR_RETRY_MAX", "1s");
        env.put("EMP_COLLECTOR_HEALTH_PORT", "0");
        env.put("EMP_COLLECTOR_HEARTBEAT_TTL", "3s");
    }

    public TestConfig set(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public CollectorConfig build() {
        return CollectorConfig.load(null, Map.of(), env);
    }
}
