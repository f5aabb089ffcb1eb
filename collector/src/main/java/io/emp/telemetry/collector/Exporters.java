package io.emp.telemetry.collector;

import io.emp.telemetry.collector.config.CollectorConfig;
import io.emp.telemetry.collector.consume.ExportedListener;
import io.emp.telemetry.collector.consume.SpanDeriver;
import io.emp.telemetry.collector.export.Exporter;
import io.emp.telemetry.collector.export.console.ConsoleExporter;
import io.emp.telemetry.collector.export.file.JsonLinesFileExporter;
import io.emp.telemetry.collector.export.otlp.EventResources;
import io.emp.telemetry.collector.export.otlp.LogRecordMapper;
import io.emp.telemetry.collector.export.otlp.OtlpLogsExporter;
import io.emp.telemetry.collector.export.otlp.OtlpSdk;
import io.emp.telemetry.collector.export.otlp.OtlpSpansExporter;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.metrics.EventMetrics;
import io.emp.telemetry.collector.span.SpanDerivation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** The configured exporters, plus the span derivation and metrics that exist only with OTLP. */
final class Exporters implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Exporters.class.getName());

    final List<Exporter> exporters = new ArrayList<>();
    final List<ExportedListener> listeners = new ArrayList<>();
    SpanDeriver spans = SpanDeriver.NONE;
    private EventMetrics metrics;

    Exporters(CollectorConfig config, CollectorStats stats) {
        for (String name : config.exporters()) {
            switch (name) {
                case "file" -> {
                    exporters.add(new JsonLinesFileExporter(config.filePath(), config.fileMaxBytes(), config.fileMaxFiles()));
                    LOG.info("file exporter: " + config.filePath().toAbsolutePath());
                }
                case "console" -> exporters.add(new ConsoleExporter(System.out));
                case "otlp" -> otlp(config, stats);
                default -> throw new IllegalStateException("unknown exporter " + name);
            }
        }
    }

    private void otlp(CollectorConfig config, CollectorStats stats) {
        OtlpSdk sdk = new OtlpSdk(config.otel(), stats);
        Resource env = sdk.environmentResource();
        EventResources resources = new EventResources(env);
        exporters.add(new OtlpLogsExporter(sdk.logSender(), new LogRecordMapper(resources)));
        exporters.add(new OtlpSpansExporter(sdk.spanSender()));
        spans = new SpanDerivation(resources, config.jobSpansMax(), config.jobSpansTtl(), stats);
        // The collector's own resource for metrics: service.name=emp-collector unless OTEL_SERVICE_NAME says otherwise.
        Resource own = config.otel().containsKey("otel.service.name") ? env
                : env.merge(Resource.create(io.opentelemetry.api.common.Attributes.of(
                AttributeKey.stringKey("service.name"), "emp-collector")));
        metrics = new EventMetrics(sdk.metricExporter(), own, config.metricsInterval());
        listeners.add(metrics);
        LOG.info("OTLP exporter: " + sdk.describe());
    }

    /** Pushes recorded metrics now (tests, shutdown). */
    void flushMetrics() {
        if (metrics != null) metrics.flush();
    }

    @Override
    public void close() {
        if (metrics != null) metrics.close();
        for (Exporter e : exporters) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.warning("closing exporter " + e.name() + ": " + ex);
            }
        }
    }
}
