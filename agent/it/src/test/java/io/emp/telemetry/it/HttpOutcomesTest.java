package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent in a forked JVM running an API on the JDK HTTP server: health paths become
 * health_check.performed (instead of http.server.request), 4xx become api.request_rejected with their reason on
 * emp:events, only 5xx reach emp:errors; the health paths are configurable.
 */
class HttpOutcomesTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void healthChecksRejectionsAndErrorsWithTheDefaultHealthPaths(Jdks.Jdk jdk) throws Exception {
        String service = "http-outcomes-" + jdk.tag();
        JvmRun.Result result = JvmRun.on(jdk)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .run("io.emp.telemetry.it.app.HttpOutcomesApp");
        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("HTTP-OUTCOMES-DONE"), result::toString);

        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            Map<String, Object> health = byPath(RedisEvents.ofType(events, "health_check.performed"), "status");
            assertEquals(Map.of("/health", "healthy", "/ready", "unhealthy"), health, result::toString);

            Map<String, Object> requests = byPath(RedisEvents.ofType(events, "http.server.request"),
                    Attributes.HTTP_RESPONSE_STATUS_CODE);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("/internal/probe", 200L);
            expected.put("/jobs/ok", 200L);
            expected.put("/jobs/invalid", 400L);
            expected.put("/jobs/limited", 429L);
            expected.put("/jobs/secret", 401L);
            expected.put("/jobs/missing", 404L);
            expected.put("/jobs/broken", 500L);
            assertEquals(expected, numbersAsLong(requests), "health paths are not requests as well");

            Map<String, Object> rejected = byPath(RedisEvents.ofType(events, "api.request_rejected"), "reason");
            assertEquals(Map.of("/jobs/invalid", "validation", "/jobs/limited", "rate_limited",
                    "/jobs/secret", "unauthenticated", "/jobs/missing", "not_found"), rejected);

            List<TelemetryEvent> errors = redis.errors(service);
            assertEquals(List.of("/jobs/broken", "/ready"), errors.stream()
                    .map(e -> (String) e.data().get(Attributes.URL_PATH)).sorted().collect(Collectors.toList()),
                    "emp:errors holds the 5xx answers only (an unhealthy health check is one): " + errors);
            for (TelemetryEvent e : errors) assertEquals("api.error", e.eventType());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theHealthPathsAreConfigurable(Jdks.Jdk jdk) throws Exception {
        String service = "http-outcomes-configured-" + jdk.tag();
        JvmRun.Result result = JvmRun.on(jdk)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_INSTRUMENTATION_HTTP_SERVER_HEALTH_PATHS", "/internal/probe")
                .run("io.emp.telemetry.it.app.HttpOutcomesApp");
        assertEquals(0, result.exitCode, result::toString);

        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            assertEquals(Map.of("/internal/probe", "healthy"),
                    byPath(RedisEvents.ofType(events, "health_check.performed"), "status"), result::toString);
            Map<String, Object> requests = byPath(RedisEvents.ofType(events, "http.server.request"),
                    Attributes.HTTP_RESPONSE_STATUS_CODE);
            assertTrue(requests.containsKey("/health") && requests.containsKey("/ready"),
                    "the list replaces the defaults: " + requests.keySet());
        }
    }

    private static Map<String, Object> byPath(List<TelemetryEvent> events, String attribute) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (TelemetryEvent e : events) {
            Object previous = out.put((String) e.data().get(Attributes.URL_PATH), e.data().get(attribute));
            if (previous != null) throw new AssertionError("two events for " + e.data().get(Attributes.URL_PATH) + ": " + events);
        }
        return out;
    }

    private static Map<String, Object> numbersAsLong(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, v instanceof Number ? ((Number) v).longValue() : v));
        return out;
    }
}
