package io.emp.telemetry.it;

import io.emp.telemetry.it.harness.Jdks;
import io.emp.telemetry.it.harness.JvmRun;
import io.emp.telemetry.it.harness.RedisEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.emp.telemetry.it.harness.RedisEvents.ofType;
import static io.emp.telemetry.it.harness.RedisEvents.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent with the application's own OkHttp: the oldest release on Maven Central (3.0.0),
 * the one the advice is compiled against (4.12.0) and the newest (5.5.1), on Java 17 and the newest
 * JDK. Each outgoing call carries its client span's {@code traceparent} (a redirect's follow-up too),
 * is one {@code http.client.request} in the caller's trace (sync, async, redirected), and a refused
 * connection is an error on {@code emp:errors}; the application's client keeps no interceptor of ours.
 */
class OkHttpAgentTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final Pattern RECEIVED = Pattern.compile("received (\\S+) (\\S+)");

    static Stream<Arguments> jdksAndVersions() {
        return Jdks.all().stream().flatMap(jdk -> Stream.of("3.0.0", "4.12.0", "5.5.1").map(v -> Arguments.of(jdk, v)));
    }

    @ParameterizedTest(name = "{0} okhttp {1}")
    @MethodSource("jdksAndVersions")
    void everyCallIsTracedOnceAndPropagated(Jdks.Jdk jdk, String version) throws Exception {
        String tag = jdk.tag() + version.replace(".", "");
        String service = "okhttp-app-" + tag;
        JvmRun run = JvmRun.on(jdk).classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class));
        for (Path lib : okhttp(version)) run.classpath(lib);
        JvmRun.Result result = run.timeoutSeconds(150)
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .run("io.emp.telemetry.it.app.OkHttpApp", tag);

        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("OKHTTP-APP-DONE"), result::toString);
        assertTrue(result.stdout.contains("/okhttp-libs/" + version + "/"), "the app used OkHttp " + version + ": " + result.stdout);
        assertTrue(result.stdout.contains("sync status 200") && result.stdout.contains("async status 404")
                && result.stdout.contains("redirected status 200")
                && result.stdout.contains("refused java.net.ConnectException"), result::toString);
        assertTrue(result.stdout.contains("interceptors 0 0"), "the client is as the application built it: " + result.stdout);
        assertFalse(result.stderr.contains("WARN"), result::toString);

        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            TelemetryEvent parent = one(events, "okhttp.calls.started");
            List<TelemetryEvent> calls = ofType(events, "http.client.request");
            assertEquals(List.of("/hello", "/missing", "/moved", "/down"),
                    calls.stream().map(e -> path(e.data().get(Attributes.URL_FULL))).collect(Collectors.toList()),
                    "one event per call, the redirect's follow-up included in its call: " + calls);
            for (TelemetryEvent call : calls) {
                assertEquals(parent.traceId(), call.traceId(), call::toString);
                assertEquals(parent.spanId(), call.parentSpanId(), call::toString);
                assertEquals("GET", call.data().get(Attributes.HTTP_REQUEST_METHOD));
                assertEquals("127.0.0.1", call.data().get(Attributes.SERVER_ADDRESS));
            }
            assertEquals(200, calls.get(0).data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
            assertNull(calls.get(0).data().get(Attributes.ERROR_TYPE));
            assertFalse(String.valueOf(calls.get(0).data().get(Attributes.URL_FULL)).contains("s3cr3t"));
            assertEquals(404, calls.get(1).data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
            assertEquals("404", calls.get(1).data().get(Attributes.ERROR_TYPE));
            assertEquals(200, calls.get(2).data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
            assertEquals("java.net.ConnectException", calls.get(3).data().get(Attributes.ERROR_TYPE));

            // what the server got: each request the client span's traceparent, the redirect's follow-up the same one
            Matcher m = RECEIVED.matcher(result.stdout);
            StringBuilder received = new StringBuilder();
            while (m.find()) received.append(m.group(1)).append(' ').append(m.group(2)).append('\n');
            assertEquals("/hello " + traceparent(calls.get(0)) + "\n"
                    + "/missing " + traceparent(calls.get(1)) + "\n"
                    + "/moved " + traceparent(calls.get(2)) + "\n"
                    + "/final " + traceparent(calls.get(2)) + "\n", received.toString());

            TelemetryEvent refused = one(redis.errors(service), "http.client.request_failed");
            assertEquals("java.net.ConnectException", refused.errorType());
            assertEquals(calls.get(3).spanId(), refused.spanId());
        }
    }

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    /** The OkHttp module is on by default; an application without OkHttp sees nothing of it and loses nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anApplicationWithoutOkHttpLogsNothingNewAndLosesNothing(Jdks.Jdk jdk) throws Exception {
        String service = "plain-http-" + jdk.tag();
        JvmRun.Result result = JvmRun.on(jdk).classpath(JvmRun.jarOf(io.emp.telemetry.api.Telemetry.class))
                .jvmArg("-Demp.log.level=debug") // lists every class the agent transforms
                .env("EMP_REDIS_URL", REDIS.uri())
                .env("EMP_SERVICE_NAME", service)
                .run("io.emp.telemetry.it.app.PlainHttpApp", jdk.tag());

        assertEquals(0, result.exitCode, result::toString);
        assertTrue(result.stdout.contains("okhttp absent") && result.stdout.contains("status 204")
                && result.stdout.contains("PLAIN-HTTP-APP-DONE"), result::toString);
        assertTrue(result.stderr.contains("instrumented jdk.internal.net.http.HttpClientImpl"), result::toString);
        // the start lines name every instrumentation module, this one (http-client-okhttp) included; nothing else
        // may mention OkHttp
        assertEquals(List.of(), result.stderr.lines()
                .filter(line -> line.replace("http-client-okhttp", "").toLowerCase(java.util.Locale.ROOT).contains("okhttp"))
                .collect(Collectors.toList()), result::toString);
        assertFalse(result.stderr.contains("WARN"), result::toString);
        try (RedisEvents redis = new RedisEvents(REDIS.uri())) {
            List<TelemetryEvent> events = redis.events(service);
            TelemetryEvent parent = one(events, "plain.call.started");
            TelemetryEvent call = one(events, "http.client.request");
            assertEquals(parent.spanId(), call.parentSpanId());
            assertEquals(204, call.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE));
            assertEquals(1, ofType(events, "plain.call.completed").size());
            assertTrue(redis.errors(service).isEmpty(), events::toString);
        }
    }

    private static String traceparent(TelemetryEvent e) {
        return "00-" + e.traceId() + "-" + e.spanId() + "-01";
    }

    private static String path(Object url) {
        String s = String.valueOf(url);
        return s.substring(s.indexOf('/', s.indexOf("://") + 3));
    }

    private static List<Path> okhttp(String version) throws IOException {
        try (Stream<Path> files = Files.list(Paths.get(System.getProperty("it.okhttp.libs"), version))) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(jars.size() >= 2, "OkHttp " + version + " and its dependencies copied by the build: " + jars);
            return jars;
        }
    }
}
