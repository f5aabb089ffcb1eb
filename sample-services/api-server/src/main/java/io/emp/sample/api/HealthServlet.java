package io.emp.sample.api;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: 200 while Redis answers, 503 otherwise. */
final class HealthServlet extends HttpServlet {
    private final transient RedisCommands<String, String> redis;

    HealthServlet(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        long started = System.nanoTime();
        try {
            redis.ping();
            body.put("status", "ok");
            body.put("redis", "up");
            body.put("redisLatencyMs", (System.nanoTime() - started) / 1_000_000.0);
            Json.send(response, HttpServletResponse.SC_OK, body);
        } catch (RedisException e) {
            body.put("status", "unavailable");
            body.put("redis", "down");
            Json.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
        }
    }
}
