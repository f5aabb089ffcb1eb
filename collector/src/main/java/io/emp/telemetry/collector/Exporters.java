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
import io.emp.telemetry.collector.config.ConfigException;
import io.emp.telemetry.collector.export.otlp.OtlpEnvironment;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** The configured exporters, plus the span derivation and metrics that exist only with OTLP. */
final class Exporters implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Exporters.class.getName());
    /** How often a service's resource (emp:resource:{instance}) is read again. */
    static final Duration RESOURCE_REFRESH = Duration.ofMinutes(1);

    final List<Exporter> exporters = new ArrayList<>();
    final List<ExportedListener> listeners = new ArrayList<>();
    SpanDeriver spans = SpanDeriver.NONE;
    private EventMetrics metrics;

    Exporters(CollectorConfig config, CollectorStats stats, RedisConnections redis) {
        for (String name : config.exporters()) {
            switch (name) {
                case "file" -> {
                    exporters.add(new JsonLinesFileExporter(config.filePath(), config.fileMaxBytes(), config.fileMaxFiles()));
                    LOG.info("file exporter: " + config.filePath().toAbsolutePath());
                }
                case "console" -> exporters.add(new ConsoleExporter(System.out));
                case "otlp" -> otlp(config, stats, redis);
                default -> throw new IllegalStateException("unknown exporter " + name);
            }
        }
    }

    private void otlp(CollectorConfig config, CollectorStats stats, RedisConnections redis) {
        OtlpEnvironment.validate(config.otel());
        try {
            OtlpSdk sdk = new OtlpSdk(config.otel(), stats);
            // Each service's data goes out under its own resource, read from emp:resource:{instance} (EventResources);
            // the collector's OTEL_RESOURCE_ATTRIBUTES only lend deployment.environment.name as a default.
            RedisCommands<String, String> resourceReads = redis.connect();
            EventResources resources = new EventResources(sdk.environmentResource(), resourceReads::get,
                    RESOURCE_REFRESH, System::currentTimeMillis);
            exporters.add(new OtlpLogsExporter(sdk.logSender(), new LogRecordMapper(resources)));
            exporters.add(new OtlpSpansExporter(sdk.spanSender()));
            spans = new SpanDerivation(resources, config.jobSpansMax(), config.jobSpansTtl(), stats);
            metrics = new EventMetrics(sdk.metricExporter(), resources, config.metricsInterval());
            listeners.add(metrics);
            LOG.info("OTLP exporter: " + sdk.describe());
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw new ConfigException("OTLP exporter: " + e.getMessage());
        }
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
