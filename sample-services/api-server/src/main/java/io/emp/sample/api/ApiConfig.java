package io.emp.sample.api;

import io.emp.sample.jobs.RedisSetup;

import java.util.Map;

/**
 * Settings from the environment: {@code API_HOST} (default 127.0.0.1), {@code API_PORT} (default
 * 8080, 0 for any free port) and {@code REDIS_URL} (default redis://127.0.0.1:6379).
 */
public record ApiConfig(String host, int port, String redisUrl) {
    public static final int DEFAULT_PORT = 8080;

    public static ApiConfig fromEnv(Map<String, String> env) {
        String host = env.getOrDefault("API_HOST", "127.0.0.1");
        String redisUrl = env.getOrDefault("REDIS_URL", RedisSetup.DEFAULT_URL);
        String portText = env.getOrDefault("API_PORT", Integer.toString(DEFAULT_PORT));
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("API_PORT must be a number, got '" + portText + "'");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("API_PORT out of range: " + port);
        return new ApiConfig(host, port, redisUrl);
    }
}
