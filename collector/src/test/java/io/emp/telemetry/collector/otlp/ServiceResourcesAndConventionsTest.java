package io.emp.telemetry.collector.otlp;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.HttpOtlpReceiver;
import io.emp.telemetry.collector.support.ReceivedTelemetry;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's data under its own resource (emp:resource:{instance}), semantic-convention names (db.system.name,
 * exception span event, durations in seconds with service.name on the resource), and bad OTEL_* values.
 */
class ServiceResourcesAndConventionsTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.uri());
        conn = client.connect();
    }

    @AfterAll
    static void disconnect() {
        conn.close();
        client.shutdown();
    }

    private static void xadd(RedisCommands<String, String> redis, String stream, TelemetryEvent e, String instance) {
        Map<String, String> fields = new HashMap<>(EventCodec.encode(e));
        if (instance != null) fields.put(EventFields.INSTANCE, instance);
        redis.xadd(stream, fields);
    }

    @Test
    @SuppressWarnings("deprecation")
    void eachServiceIsExportedUnderItsOwnResourceWithSemanticConventionNames() throws Exception {
        REDIS.flushAll();
        RedisCommands<String, String> redis = conn.sync();
        redis.set("emp:resource:api-1", "{\"service.name\":\"api-server\",\"service.version\":\"1.4.2\",\"host.name\":\"h-api\","
                + "\"process.pid\":4242,\"service.instance.id\":\"api-1\",\"deployment.environment.name\":\"staging\"}");
        redis.set("emp:resource:wrk-1", "{\"service.name\":\"worker\",\"service.version\":\"2.0.0\",\"host.name\":\"h-wrk\","
                + "\"process.pid\":77}");
        ReceivedTelemetry received = new ReceivedTelemetry();
        TestConfig config = new TestConfig(REDIS.uri())
                .set("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod,service.version=9.9.9,host.name=collector-host")
                .set("OTEL_SERVICE_NAME", "emp-collector")
                .set("EMP_COLLECTOR_METRICS_INTERVAL", "300ms");
        try (HttpOtlpReceiver receiver = new HttpOtlpReceiver(received)) {
            config.set("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
            try (Collector collector = Collector.start(config.build())) {
                xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("redis_function.completed", "api-server")
                        .attribute(Attributes.DB_SYSTEM, "redis").attribute(Attributes.DB_OPERATION_NAME, "FCALL")
                        .attribute(Attributes.DURATION_MS, 1500.0).build(), "api-1");
                xadd(redis, StreamDefaults.ERRORS_STREAM, TestEvents.event("connector.processing_failed", "worker").jobId("j-1")
                        .errorType("java.io.IOException").errorMessage("upstream 503").errorStack("java.io.IOException: upstream 503\n\tat X")
                        .attribute(Attributes.DURATION_MS, 20.0).build(), "wrk-1");
                // An agent that writes no instance field: service.name from the entry, the collector's environment as default.
                xadd(redis, StreamDefaults.EVENTS_STREAM, TestEvents.event("job.claimed", "old-worker").jobId("j-2")
                        .attribute(Attributes.DURATION_MS, 5.0).build(), null);

                Await.until(Duration.ofSeconds(20), () -> received.logs().size() >= 3 && received.spans().size() >= 3,
                        () -> "logs=" + received.logs().size() + " spans=" + received.spans().size());
                collector.flushMetrics();
                Await.until(Duration.ofSeconds(10), () -> received.metricsWithResource().stream()
                                .filter(m -> m.metric().getName().equals("emp.event.duration")).map(m -> m.resourceAttr("service.name"))
                                .distinct().count() >= 3,
                        () -> "metrics=" + received.metricsWithResource().stream().map(m -> m.metric().getName() + "@"
                                + m.resourceAttr("service.name")).toList());
            }
        }

        ReceivedTelemetry.ReceivedSpan fcall = received.spans().stream()
                .filter(s -> "api-server".equals(s.resourceAttr("service.name"))).findFirst().orElseThrow();
        assertEquals("1.4.2", fcall.resourceAttr("service.version"));
        assertEquals("h-api", fcall.resourceAttr("host.name"));
        assertEquals("4242", fcall.resourceAttr("process.pid"));
        assertEquals("staging", fcall.resourceAttr("deployment.environment.name"), "the service's own environment wins");
        assertEquals("redis", fcall.attr("db.system.name"), "old entries' db.system is exported as db.system.name");
        assertNull(fcall.attr("db.system"));

        ReceivedTelemetry.ReceivedSpan failed = received.spans().stream()
                .filter(s -> "worker".equals(s.resourceAttr("service.name"))).findFirst().orElseThrow();
        assertEquals("2.0.0", failed.resourceAttr("service.version"));
        assertEquals("prod", failed.resourceAttr("deployment.environment.name"), "the collector's environment as a default");
        assertEquals("h-wrk", failed.resourceAttr("host.name"), "the service's host, not the collector's");
        assertEquals(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR, failed.span().getStatus().getCode());
        assertEquals("java.io.IOException", failed.attr("error.type"));
        Span.Event exception = failed.span().getEventsList().stream().filter(ev -> ev.getName().equals("exception")).findFirst()
                .orElseThrow(() -> new AssertionError("an error span carries an exception event: " + failed.span()));
        assertEquals("java.io.IOException", ReceivedTelemetry.attr(exception.getAttributesList(), "exception.type"));
        assertEquals("upstream 503", ReceivedTelemetry.attr(exception.getAttributesList(), "exception.message"));
        assertTrue(ReceivedTelemetry.attr(exception.getAttributesList(), "exception.stacktrace").contains("at X"));

        ReceivedTelemetry.ReceivedSpan old = received.spans().stream()
                .filter(s -> "old-worker".equals(s.resourceAttr("service.name"))).findFirst().orElseThrow();
        assertEquals("prod", old.resourceAttr("deployment.environment.name"));
        assertNull(old.resourceAttr("service.version"), "the collector's service.version is not a service's");
        assertNull(old.resourceAttr("host.name"));

        ReceivedTelemetry.Log log = received.logs().stream().filter(l -> "worker".equals(l.resourceAttr("service.name")))
                .findFirst().orElseThrow();
        assertEquals("connector.processing_failed", log.record().getEventName());
        assertEquals("h-wrk", log.resourceAttr("host.name"));

        var apiDuration = received.metricsWithResource().stream().filter(m -> m.metric().getName().equals("emp.event.duration")
                && "api-server".equals(m.resourceAttr("service.name"))).findFirst().orElseThrow();
        assertEquals("s", apiDuration.metric().getUnit());
        HistogramDataPoint p = apiDuration.metric().getHistogram().getDataPoints(0);
        assertEquals(1.5, p.getSum(), 1e-9, "1500 ms recorded as 1.5 s");
        assertFalse(p.getAttributesList().stream().anyMatch(kv -> kv.getKey().equals("service.name")),
                "service.name is on the resource, not on each point");
        assertTrue(received.metricsWithResource().stream().anyMatch(m -> m.metric().getName().equals("db.client.operation.duration")
                && m.metric().getUnit().equals("s") && "api-server".equals(m.resourceAttr("service.name"))));
    }

    @Test
    void aServicesResourceIsCachedAndReadAgainAfterTheRefresh() {
        REDIS.flushAll();
        RedisCommands<String, String> redis = conn.sync();
        long[] now = {1_000};
        io.emp.telemetry.collector.export.otlp.EventResources resources = new io.emp.telemetry.collector.export.otlp.EventResources(
                io.opentelemetry.sdk.resources.Resource.empty(), redis::get, Duration.ofSeconds(60), () -> now[0]);
        redis.set("emp:resource:i-1", "{\"service.name\":\"svc\",\"service.version\":\"1\"}");
        assertEquals("1", version(resources.resource("svc", "i-1")));
        redis.set("emp:resource:i-1", "{\"service.name\":\"svc\",\"service.version\":\"2\"}");
        now[0] += 59_000;
        assertEquals("1", version(resources.resource("svc", "i-1")), "cached until the refresh");
        now[0] += 2_000;
        assertEquals("2", version(resources.resource("svc", "i-1")), "read again after the refresh");
        redis.del("emp:resource:i-1");
        now[0] += 61_000;
        assertEquals("svc", resources.resource("svc", "i-1").getAttribute(
                io.opentelemetry.api.common.AttributeKey.stringKey("service.name")), "expired key: the entry's service");
        assertNull(version(resources.resource("svc", "i-1")));
    }

    private static String version(io.opentelemetry.sdk.resources.Resource r) {
        return r.getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.version"));
    }

    @Test
    void badOtelValuesAreOneLineNamingTheVariableWithoutTheValue() {
        ConfigException json = assertThrows(ConfigException.class, () -> start("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"));
        assertTrue(json.getMessage().startsWith("OTEL_EXPORTER_OTLP_PROTOCOL: http/json is not supported"), json.getMessage());
        ConfigException headers = assertThrows(ConfigException.class,
                () -> start("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer s3cr3t-token,garbage-without-equals"));
        assertTrue(headers.getMessage().startsWith("OTEL_EXPORTER_OTLP_HEADERS: malformed"), headers.getMessage());
        assertFalse(headers.getMessage().contains("s3cr3t") || headers.getMessage().contains("garbage"), headers.getMessage());
        ConfigException gzip = assertThrows(ConfigException.class, () -> start("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "brotli"));
        assertTrue(gzip.getMessage().startsWith("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: unknown compression 'brotli'"), gzip.getMessage());
        ConfigException disabled = assertThrows(ConfigException.class, () -> new TestConfig(REDIS.uri())
                .set("EMP_EXPORTERS", "otlp").set("OTEL_SDK_DISABLED", "true").build());
        assertTrue(disabled.getMessage().contains("OTEL_SDK_DISABLED=true"), disabled.getMessage());
        assertEquals(java.util.Set.of("file"), new TestConfig(REDIS.uri()).set("OTEL_SDK_DISABLED", "true")
                .set("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1").build().exporters(), "no OTLP export when disabled");
    }

    private static void start(String name, String value) {
        try (Collector ignored = Collector.start(new TestConfig(REDIS.uri()).set("EMP_EXPORTERS", "otlp")
                .set("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1").set(name, value).build())) {
            throw new AssertionError("started with " + name + "=" + value);
        }
    }
}
