package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK's {@code HttpURLConnection} with the packaged agent on Java 17 and the newest JDK: the
 * JDK class is instrumented although it lives in java.base, one event per connection, the
 * {@code traceparent} on the wire. The application has no Apache HttpClient (nor OkHttp): the
 * agent says nothing about the libraries it lacks.
 */
class UrlConnectionAgentTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachConnectionIsOneTracedRequest(Jdks.Jdk jdk) throws Exception {
        String service = "urlconnection-" + jdk.tag();
        JvmRun.Result result = JvmRun.on(jdk)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .run("io.emp.telemetry.it.app.http.UrlConnectionApp");

        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("URLCONNECTION-APP-DONE"), result::toString);
        // nothing about the missing library: no warning, no class name of it, no stack trace
        assertFalse(result.stderr.contains("WARN"), result::toString);
        assertFalse(result.stderr.contains("org.apache.hc"), result::toString);
        assertFalse(result.stderr.contains("Exception"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            HttpClientScenario.assertRecorded(result, redis.events(service), redis.errors(service));
        }
    }

    @org.junit.jupiter.api.Test
    void switchedOffItNeitherRecordsNorChangesTheRequests() throws Exception {
        String service = "urlconnection-off";
        JvmRun.Result result = JvmRun.on(Jdks.all().get(0))
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "false")
                .run("io.emp.telemetry.it.app.http.UrlConnectionApp");

        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("received /models/7 none"), result::toString);
        assertTrue(result.stdout.contains("URLCONNECTION-APP-DONE"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertTrue(redis.events(service).stream().noneMatch(e -> e.eventType().startsWith("http.client.")),
                    () -> redis.events(service).toString());
            assertTrue(redis.errors(service).isEmpty(), () -> redis.errors(service).toString());
        }
    }
}
