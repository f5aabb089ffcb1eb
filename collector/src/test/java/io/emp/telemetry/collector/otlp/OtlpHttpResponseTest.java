package io.emp.telemetry.collector.otlp;

import io.emp.telemetry.collector.Collector;
import io.emp.telemetry.collector.support.Await;
import io.emp.telemetry.collector.support.HttpOtlpReceiver;
import io.emp.telemetry.collector.support.OtlpReply;
import io.emp.telemetry.collector.support.ReceivedTelemetry;
import io.emp.telemetry.collector.support.TestConfig;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.StreamDefaults;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the collector does with the OTLP/HTTP answers the SDK exporter would hide: Retry-After, partial success, 400. */
class OtlpHttpResponseTest {
    private static final int EVENTS = 10;

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;
    private final ReceivedTelemetry received = new ReceivedTelemetry();

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

    @BeforeEach
    void events() {
        REDIS.flushAll();
        // Written before the collector starts, so that they are read (and exported) as one batch.
        for (int i = 0; i < EVENTS; i++) {
            TestEvents.xadd(conn.sync(), StreamDefaults.EVENTS_STREAM, TestEvents.event("job.claimed", "worker").jobId("j" + i).build());
        }
    }

    @Test
    void retryAfterDelaysTheNextAttemptBeyondTheMaximumBackoff() throws Exception {
        try (HttpOtlpReceiver receiver = new HttpOtlpReceiver(received)) {
            receiver.script("/v1/logs", OtlpReply.status(429).header("Retry-After", "2"));
            // retry-max is 1 s in TestConfig: only the Retry-After can make the collector wait 2 s.
            TestConfig config = config(receiver).set("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")
                    .set("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer test-token,Dash0-Dataset=emp");
            try (Collector collector = Collector.start(config.build())) {
                awaitAllExportedAndAcknowledged(collector);
                List<HttpOtlpReceiver.Request> attempts = receiver.requests("/v1/logs");
                assertTrue(attempts.size() >= 2, "a retry followed the 429");
                long waitedMs = (attempts.get(1).arrivedNanos() - attempts.get(0).arrivedNanos()) / 1_000_000;
                assertTrue(waitedMs >= 2000, "next attempt after " + waitedMs + " ms, Retry-After said 2 s");
                assertTrue(waitedMs < 15_000, "next attempt after " + waitedMs + " ms");
                HttpOtlpReceiver.Request last = attempts.get(attempts.size() - 1);
                assertEquals("Bearer test-token", last.header("Authorization"));
                assertEquals("emp", last.header("Dash0-Dataset"));
                assertEquals("gzip", last.header("Content-Encoding"));
                assertEquals("application/x-protobuf", last.header("Content-Type"));
            }
        }
    }

    @Test
    void partialSuccessIsCountedAsDroppedAndNotRetried() throws Exception {
        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { lines.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger rejections = Logger.getLogger("io.emp.telemetry.collector.export.otlp.Rejections");
        rejections.addHandler(capture);
        try (HttpOtlpReceiver receiver = new HttpOtlpReceiver(received)) {
            receiver.script("/v1/logs", OtlpReply.partialLogs(3, "3 log records exceed the size limit"));
            try (Collector collector = Collector.start(config(receiver).build())) {
                awaitAllExportedAndAcknowledged(collector);
                Thread.sleep(1500); // a retry, if there were one, would come within retry-max (1 s)
                assertEquals(1, receiver.requests("/v1/logs").size(), "a partial success is not retried");
                assertEquals(0, received.duplicateLogs());
                assertTrue(metricsText(collector).lines().toList().contains("emp_collector_otlp_rejected_total{signal=\"logs\"} 3"),
                        () -> metricsText(collector));
                assertTrue(lines.stream().anyMatch(r -> r.getMessage().contains("3 log records rejected")
                        && r.getMessage().contains("exceed the size limit")), () -> "log lines: " + lines.size());
            }
        } finally {
            rejections.removeHandler(capture);
        }
    }

    @Test
    void badRequestIsReportedAndTheBatchStaysPendingUntilAccepted() throws Exception {
        byte[] status = com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(1, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(3).build())
                .addField(2, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("invalid log record")).build())
                .build().toByteArray(); // google.rpc.Status{code=3, message=...}
        try (HttpOtlpReceiver receiver = new HttpOtlpReceiver(received)) {
            receiver.script("/v1/logs", OtlpReply.status(400).body("application/x-protobuf", status));
            try (Collector collector = Collector.start(config(receiver).build())) {
                Await.until(Duration.ofSeconds(10), () -> collector.stats().exporter("otlp-logs").lastError.get() != null,
                        () -> "no failure recorded");
                String error = collector.stats().exporter("otlp-logs").lastError.get();
                assertTrue(error.contains("HTTP 400: invalid log record (not retryable per OTLP)"), error);
                awaitAllExportedAndAcknowledged(collector);
                assertEquals(2, receiver.requests("/v1/logs").size(), "refused once, then accepted");
                assertEquals(0, received.duplicateLogs());
            }
        }
    }

    private TestConfig config(HttpOtlpReceiver receiver) {
        return new TestConfig(REDIS.uri()).set("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                .set("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    }

    private void awaitAllExportedAndAcknowledged(Collector collector) {
        RedisCommands<String, String> redis = conn.sync();
        Await.until(Duration.ofSeconds(20), () -> received.distinctEntryIds().size() == EVENTS,
                () -> "received " + received.distinctEntryIds().size());
        Await.until(Duration.ofSeconds(10), () -> redis.xpending(StreamDefaults.EVENTS_STREAM, StreamDefaults.EVENTS_GROUP).getCount() == 0,
                () -> "still pending");
        // exported is counted just after XACK: wait for it rather than race it.
        Await.until(Duration.ofSeconds(5), () -> collector.stats().stream(StreamDefaults.EVENTS_STREAM).exported.sum() == EVENTS,
                () -> "exported " + collector.stats().stream(StreamDefaults.EVENTS_STREAM).exported.sum());
    }

    private static String metricsText(Collector collector) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + collector.healthPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (Exception e) {
            throw new AssertionError("GET /metrics", e);
        }
    }
}
