package io.emp.telemetry.collector.otlp;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.GrpcOtlpReceiver;
import io.emp.telemetry.collector.support.HttpOtlpReceiver;
import io.emp.telemetry.collector.support.ReceivedTelemetry;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.schema.TelemetryEvent;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events → OTLP logs, spans (a job's waterfall with its link) and metrics, over real HTTP and gRPC. */
class OtlpExportTest {
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

    @ParameterizedTest
    @ValueSource(strings = {"http/protobuf", "grpc"})
    void eventsArriveAsLogsSpansAndMetrics(String protocol) throws Exception {
        REDIS.flushAll();
        RedisCommands<String, String> redis = conn.sync();
        ReceivedTelemetry received = new ReceivedTelemetry();
        AutoCloseable receiver = protocol.equals("grpc") ? new GrpcOtlpReceiver(received) : new HttpOtlpReceiver(received);
        String endpoint = receiver instanceof GrpcOtlpReceiver g ? g.endpoint() : ((HttpOtlpReceiver) receiver).endpoint();
        TestConfig config = new TestConfig(REDIS.uri())
                .set("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
                .set("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
                .set("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer test-token,Dash0-Dataset=emp")
                .set("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test")
                .set("EMP_COLLECTOR_METRICS_INTERVAL", "500ms");
        try (receiver; Collector collector = Collector.start(config.build())) {
            TestEvents.Job job = new TestEvents.Job();
            for (TelemetryEvent e : job.events) TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, e);
            TelemetryEvent error = TestEvents.event("job.failed", "worker").jobId("other-job")
                    .errorType("java.lang.IllegalStateException").errorMessage("connector broke").errorStack("at X").build();
            TestEvents.xadd(redis, StreamDefaults.ERRORS_STREAM, error);

            Await.until(Duration.ofSeconds(20), () -> received.logs().size() >= 6 && received.spans().size() >= 3,
                    () -> "logs=" + received.logs().size() + " spans=" + received.spans().size());

            assertLogs(received, job, error);
            assertWaterfall(received, job);

            Await.until(Duration.ofSeconds(10), () -> counterValue(received, "job.created") >= 1,
                    () -> "metrics=" + received.metrics().stream().map(Metric::getName).toList());
            assertTrue(received.metrics().stream().anyMatch(m -> m.getName().equals("emp.event.duration")
                    && m.getUnit().equals("s") && m.getHistogram().getDataPointsCount() > 0), "duration histogram in seconds exported");
            Await.until(Duration.ofSeconds(10), () -> redis.xpending(StreamDefaults.EVENTS_STREAM,
                    StreamDefaults.EVENTS_GROUP).getCount() == 0, () -> "events still pending");
        }
    }

    /**
     * Metrics over http/protobuf go through the collector's own sender: the SDK's reading of the temporality
     * preference still applies, and the configured headers reach the backend.
     */
    @Test
    void metricsOverHttpFollowTheTemporalityPreferenceAndCarryTheHeaders() throws Exception {
        REDIS.flushAll();
        RedisCommands<String, String> redis = conn.sync();
        ReceivedTelemetry received = new ReceivedTelemetry();
        try (HttpOtlpReceiver receiver = new HttpOtlpReceiver(received);
             Collector collector = Collector.start(new TestConfig(REDIS.uri())
                     .set("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                     .set("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer metrics-token")
                     .set("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "delta")
                     .set("EMP_COLLECTOR_METRICS_INTERVAL", "300ms").build())) {
            for (TelemetryEvent e : new TestEvents.Job().events) TestEvents.xadd(redis, StreamDefaults.EVENTS_STREAM, e);
            Await.until(Duration.ofSeconds(15), () -> received.metrics().stream().anyMatch(m -> m.getName().equals("emp.events")),
                    () -> "metrics=" + received.metrics().stream().map(Metric::getName).toList());
            Metric events = received.metrics().stream().filter(m -> m.getName().equals("emp.events")).findFirst().orElseThrow();
            assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, events.getSum().getAggregationTemporality());
            List<HttpOtlpReceiver.Request> requests = receiver.requests("/v1/metrics");
            assertFalse(requests.isEmpty(), "metrics requests");
            for (HttpOtlpReceiver.Request r : requests) {
                assertEquals("Bearer metrics-token", r.header("Authorization"));
                assertEquals("application/x-protobuf", r.header("Content-Type"));
            }
        }
    }

    private static void assertLogs(ReceivedTelemetry received, TestEvents.Job job, TelemetryEvent error) {
        List<ReceivedTelemetry.Log> logs = received.logs();
        assertEquals(6, received.distinctEntryIds().size(), "every event exactly once as a log");
        ReceivedTelemetry.Log created = logs.stream().filter(l -> "job.created".equals(l.record().getEventName())).findFirst().orElseThrow();
        assertEquals(job.traceId, hex(created.record().getTraceId().toByteArray()));
        assertEquals("api-server", created.resourceAttr("service.name"));
        assertEquals("test", created.resourceAttr("deployment.environment.name"));
        assertEquals(job.jobId, created.attr("emp.job.id"));
        assertEquals(job.start + 10, created.record().getTimeUnixNano() / 1_000_000);
        assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, created.record().getSeverityNumber());

        ReceivedTelemetry.Log err = logs.stream().filter(l -> "emp:errors".equals(l.attr("emp.stream"))).findFirst().orElseThrow();
        assertEquals(SeverityNumber.SEVERITY_NUMBER_ERROR, err.record().getSeverityNumber());
        assertEquals("java.lang.IllegalStateException", err.attr("exception.type"));
        assertEquals("connector broke", err.attr("exception.message"));
        assertEquals(error.traceId(), hex(err.record().getTraceId().toByteArray()));
        assertEquals(error.spanId(), hex(err.record().getSpanId().toByteArray()));
        assertEquals("worker", err.resourceAttr("service.name"));
    }

    private static void assertWaterfall(ReceivedTelemetry received, TestEvents.Job job) {
        List<ReceivedTelemetry.ReceivedSpan> spans = received.spans();
        ReceivedTelemetry.ReceivedSpan jobSpan = spans.stream()
                .filter(s -> hex(s.span().getSpanId().toByteArray()).equals(job.rootSpanId)).findFirst().orElseThrow();
        Span js = jobSpan.span();
        assertEquals(job.traceId, hex(js.getTraceId().toByteArray()));
        assertTrue(js.getParentSpanId().isEmpty(), "the job span is the root of the job's trace");
        assertEquals((job.start + 10) * 1_000_000L, js.getStartTimeUnixNano());
        assertEquals((job.start + 450) * 1_000_000L, js.getEndTimeUnixNano());
        assertEquals(1, js.getLinksCount(), "job.created links to the request");
        assertEquals(job.requestTraceId, hex(js.getLinks(0).getTraceId().toByteArray()));
        assertEquals(job.requestSpanId, hex(js.getLinks(0).getSpanId().toByteArray()));

        ReceivedTelemetry.ReceivedSpan connector = spans.stream()
                .filter(s -> hex(s.span().getSpanId().toByteArray()).equals(job.connectorSpanId)).findFirst().orElseThrow();
        assertEquals(job.traceId, hex(connector.span().getTraceId().toByteArray()));
        assertEquals(job.rootSpanId, hex(connector.span().getParentSpanId().toByteArray()));
        assertEquals("connector.processing", connector.span().getName());
        assertEquals("worker", connector.resourceAttr("service.name"));
        long end = (job.start + 400) * 1_000_000L;
        assertEquals(end, connector.span().getEndTimeUnixNano());
        assertEquals(end - 250_500_000L, connector.span().getStartTimeUnixNano());

        ReceivedTelemetry.ReceivedSpan request = spans.stream()
                .filter(s -> hex(s.span().getSpanId().toByteArray()).equals(job.requestSpanId)).findFirst().orElseThrow();
        assertEquals(job.requestTraceId, hex(request.span().getTraceId().toByteArray()));
        assertEquals("POST /jobs", request.span().getName());
        assertEquals(Span.SpanKind.SPAN_KIND_SERVER, request.span().getKind());
        assertEquals("201", request.attr("http.response.status_code"));
    }

    private static long counterValue(ReceivedTelemetry received, String eventName) {
        long max = 0;
        for (Metric m : received.metrics()) {
            if (!m.getName().equals("emp.events")) continue;
            for (NumberDataPoint p : m.getSum().getDataPointsList()) {
                boolean match = p.getAttributesList().stream().anyMatch(kv -> kv.getKey().equals("event.name")
                        && kv.getValue().getStringValue().equals(eventName));
                if (match) max = Math.max(max, p.getAsInt());
            }
        }
        return max;
    }

    static String hex(byte[] bytes) {
        assertNotNull(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
