package io.emp.sample.api;

import io.emp.sample.jobs.RedisSetup;

import java.util.Map;

/**
 * Settings from the environment: {@code API_HOST} (default 127.0.0.1), {@code API_PORT} (default
 * 8080, 0 for any free port), {@code REDIS_URL} (default redis://127.0.0.1:6379) and
 * {@code API_RATE_LIMIT} (job submissions per second across all clients, answered 429 beyond it;
 * default 0: no limit).
 */
public record ApiConfig(String host, int port, String redisUrl, double rateLimitPerSecond) {
    public static final int DEFAULT_PORT = 8080;

    public ApiConfig(String host, int port, String redisUrl) {
        this(host, port, redisUrl, 0);
    }

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
        String limitText = env.getOrDefault("API_RATE_LIMIT", "0");
        double rateLimit;
        try {
            rateLimit = Double.parseDouble(limitText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("API_RATE_LIMIT must be a number of requests per second, got '" + limitText + "'");
        }
        if (rateLimit < 0 || Double.isNaN(rateLimit) || Double.isInfinite(rateLimit)) {
            throw new IllegalArgumentException("API_RATE_LIMIT must be 0 (no limit) or positive, got '" + limitText + "'");
        }
        return new ApiConfig(host, port, redisUrl, rateLimit);
    }
}
