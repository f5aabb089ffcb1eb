package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache HttpClient 5, classic and async clients, with the packaged agent, with the oldest and the newest release the
 * build copies, on Java 17 and the newest JDK: one {@code http.client.request} per call, the
 * {@code traceparent} on the wire, the refused call on the errors stream.
 */
class ApacheHttpClientAgentTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    static Stream<Arguments> runs() {
        List<String> versions = Arrays.asList(System.getProperty("it.apache.versions").split(","));
        List<String> apps = Arrays.asList("ApacheClientApp", "ApacheAsyncClientApp");
        return Jdks.all().stream().flatMap(jdk -> versions.stream().flatMap(v -> apps.stream().map(app -> Arguments.of(jdk, v, app))));
    }

    @ParameterizedTest(name = "{0} httpclient5 {1} {2}")
    @MethodSource("runs")
    void eachCallIsOneTracedRequest(Jdks.Jdk jdk, String version, String app) throws Exception {
        String service = app + "-" + version + "-" + jdk.tag();
        JvmRun run = JvmRun.on(jdk);
        for (Path lib : libraries(version)) run.classpath(lib);
        JvmRun.Result result = run
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .run("io.emp.telemetry.it.app.http." + app);

        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("APACHE-APP-DONE"), result::toString);
        assertTrue(result.stdout.contains("httpclient5-" + version + ".jar"), "the app used release " + version + ": " + result.stdout);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            HttpClientScenario.assertRecorded(result, redis.events(service), redis.errors(service));
        }
    }

    @org.junit.jupiter.api.Test
    void switchedOffItNeitherRecordsNorChangesTheRequests() throws Exception {
        String version = System.getProperty("it.apache.versions").split(",")[1];
        String service = "apache-off";
        JvmRun run = JvmRun.on(Jdks.all().get(0));
        for (Path lib : libraries(version)) run.classpath(lib);
        JvmRun.Result result = run
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .env("EMP_INSTRUMENTATION_APACHE_HTTPCLIENT_ENABLED", "false")
                .run("io.emp.telemetry.it.app.http.ApacheClientApp");

        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("received /models/7 none"), result::toString);
        assertTrue(result.stdout.contains("APACHE-APP-DONE"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            assertTrue(redis.events(service).stream().noneMatch(e -> e.eventType().startsWith("http.client.")),
                    () -> redis.events(service).toString());
            assertTrue(redis.errors(service).isEmpty(), () -> redis.errors(service).toString());
        }
    }

    private static List<Path> libraries(String version) throws IOException {
        try (Stream<Path> files = Files.list(Paths.get(System.getProperty("it.apache.libs"), version))) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(jars.size() >= 4, "Apache HttpClient " + version + " copied by the build: " + jars);
            return jars;
        }
    }
}
