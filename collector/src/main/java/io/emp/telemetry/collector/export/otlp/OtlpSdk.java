package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.health.CollectorStats;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.internal.OtlpConfigUtil;
import io.opentelemetry.exporter.otlp.internal.OtlpLogRecordExporterProvider;
import io.opentelemetry.exporter.otlp.internal.OtlpMetricExporterProvider;
import io.opentelemetry.exporter.otlp.internal.OtlpSpanExporterProvider;
import io.opentelemetry.sdk.autoconfigure.ResourceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the OTLP senders from the standard {@code OTEL_EXPORTER_OTLP_*} settings with the SDK's own
 * parsing (endpoint, per-signal endpoints, protocol, headers, compression, timeout, certificates).
 * Logs, traces and metrics over http/protobuf go through the collector's {@link OtlpHttpSender}, which
 * sees Retry-After and partial success (logs encoded by {@link LogsProtobuf}, traces and metrics by the
 * SDK's marshalers); gRPC and custom TLS certificates use the SDK's exporters, and only then is their
 * HTTP client (OkHttp) loaded.
 */
public final class OtlpSdk {
    /** The spec's default protocol (the Java SDK alone would default to grpc). */
    static final String DEFAULT_PROTOCOL = OtlpConfigUtil.PROTOCOL_HTTP_PROTOBUF;

    private final ConfigProperties config;
    private final Rejections rejections;

    public OtlpSdk(Map<String, String> otelProperties, CollectorStats stats) {
        Map<String, String> props = new HashMap<>(otelProperties);
        props.putIfAbsent("otel.exporter.otlp.protocol", DEFAULT_PROTOCOL);
        this.config = DefaultConfigProperties.createFromMap(props);
        this.rejections = new Rejections(stats);
    }

    public SignalSender<LogRecordData> logSender() {
        OtlpHttpSender http = httpSender(OtlpSignal.LOGS);
        // Our own protobuf encoding on this path (LogsProtobuf): no SDK marshaler objects per record and attribute.
        if (http != null) return SignalSenders.http(items -> http.send(LogsProtobuf.encode(items)));
        LogRecordExporter sdk = new OtlpLogRecordExporterProvider().createExporter(config);
        return SignalSenders.sdk(items -> sdk.export(new ArrayList<>(items)), sdk::shutdown, "OTLP logs");
    }

    public SignalSender<SpanData> spanSender() {
        OtlpHttpSender http = httpSender(OtlpSignal.TRACES);
        if (http != null) return SignalSenders.http(items -> http.send(TraceRequestMarshaler.create(items)));
        SpanExporter sdk = new OtlpSpanExporterProvider().createExporter(config);
        return SignalSenders.sdk(sdk::export, sdk::shutdown, "OTLP traces");
    }

    /** Metrics are periodic aggregates outside the acknowledgement path: one attempt per interval, failures logged. */
    public MetricExporter metricExporter() {
        OtlpHttpSender http = httpSender(OtlpSignal.METRICS);
        if (http != null) return OtlpHttpMetricExporter.create(http, config);
        return new OtlpMetricExporterProvider().createExporter(config);
    }

    /** {@code OTEL_RESOURCE_ATTRIBUTES} / {@code OTEL_SERVICE_NAME} as parsed by the SDK. */
    public Resource environmentResource() {
        return ResourceConfiguration.createEnvironmentResource(config);
    }

    /** Where logs go, for the start-up line (never the headers: they carry credentials). */
    public String describe() {
        String protocol = OtlpConfigUtil.getOtlpProtocol(OtlpSignal.LOGS.dataType, config);
        if (protocol.equals(OtlpConfigUtil.PROTOCOL_HTTP_PROTOBUF)) {
            OtlpHttpSettings s = OtlpHttpSettings.read(OtlpSignal.LOGS, config);
            return protocol + " " + s.endpoint() + (s.customTls() ? " (SDK exporter: custom TLS)" : "");
        }
        return protocol + " " + config.getString("otel.exporter.otlp.endpoint", "(SDK default, localhost)");
    }

    /** The collector's own sender, or {@code null} when the SDK exporter must do it (gRPC, custom TLS material). */
    private OtlpHttpSender httpSender(OtlpSignal signal) {
        if (!OtlpConfigUtil.getOtlpProtocol(signal.dataType, config).equals(OtlpConfigUtil.PROTOCOL_HTTP_PROTOBUF)) return null;
        OtlpHttpSettings settings = OtlpHttpSettings.read(signal, config);
        if (settings.customTls()) return null;
        return new OtlpHttpSender(signal, settings, rejections, Clock.systemUTC());
    }
}
