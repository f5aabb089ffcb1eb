package io.emp.telemetry.collector.export.otlp;

import io.opentelemetry.exporter.otlp.internal.OtlpLogRecordExporterProvider;
import io.opentelemetry.exporter.otlp.internal.OtlpMetricExporterProvider;
import io.opentelemetry.exporter.otlp.internal.OtlpSpanExporterProvider;
import io.opentelemetry.sdk.autoconfigure.ResourceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds the OpenTelemetry SDK's OTLP exporters from the standard {@code OTEL_EXPORTER_OTLP_*}
 * settings with the SDK's own parsing (the autoconfigure providers): endpoint, per-signal
 * endpoints, protocol (grpc or http/protobuf), headers, compression, timeout, certificates and
 * retry all behave exactly as for any OpenTelemetry Java application.
 */
public final class OtlpSdk {
    /** The spec's default protocol (the Java SDK alone would default to grpc). */
    static final String DEFAULT_PROTOCOL = "http/protobuf";

    private final ConfigProperties config;

    public OtlpSdk(Map<String, String> otelProperties) {
        Map<String, String> props = new HashMap<>(otelProperties);
        props.putIfAbsent("otel.exporter.otlp.protocol", DEFAULT_PROTOCOL);
        this.config = DefaultConfigProperties.createFromMap(props);
    }

    public LogRecordExporter logExporter() {
        return new OtlpLogRecordExporterProvider().createExporter(config);
    }

    public SpanExporter spanExporter() {
        return new OtlpSpanExporterProvider().createExporter(config);
    }

    public MetricExporter metricExporter() {
        return new OtlpMetricExporterProvider().createExporter(config);
    }

    /** {@code OTEL_RESOURCE_ATTRIBUTES} / {@code OTEL_SERVICE_NAME} as parsed by the SDK. */
    public Resource environmentResource() {
        return ResourceConfiguration.createEnvironmentResource(config);
    }

    /** Where logs go, for the start-up line (never the headers: they carry credentials). */
    public String describe() {
        String endpoint = config.getString("otel.exporter.otlp.endpoint", "(SDK default, localhost)");
        return config.getString("otel.exporter.otlp.protocol") + " " + endpoint;
    }
}
