package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.export.ExportOutcome;
import io.opentelemetry.exporter.internal.ExporterBuilderUtil;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The collector's metrics over OTLP/HTTP protobuf through its own {@link OtlpHttpSender}: the SDK's marshaler
 * and the SDK's reading of {@code OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE} and
 * {@code OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION}, without the SDK exporter's OkHttp client.
 * One attempt per export; the periodic reader exports again at the next interval (cumulative sums carry the
 * totals), and a failure is logged with the backend's answer.
 */
final class OtlpHttpMetricExporter implements MetricExporter {
    private static final Logger LOG = Logger.getLogger(OtlpHttpMetricExporter.class.getName());

    private final OtlpHttpSender sender;
    private final AggregationTemporalitySelector temporality;
    private final DefaultAggregationSelector aggregation;
    private volatile boolean shutdown;

    private OtlpHttpMetricExporter(OtlpHttpSender sender, AggregationTemporalitySelector temporality,
                                   DefaultAggregationSelector aggregation) {
        this.sender = sender;
        this.temporality = temporality;
        this.aggregation = aggregation;
    }

    static OtlpHttpMetricExporter create(OtlpHttpSender sender, ConfigProperties config) {
        AggregationTemporalitySelector[] temporality = {AggregationTemporalitySelector.alwaysCumulative()};
        DefaultAggregationSelector[] aggregation = {DefaultAggregationSelector.getDefault()};
        ExporterBuilderUtil.configureOtlpAggregationTemporality(config, t -> temporality[0] = t);
        ExporterBuilderUtil.configureOtlpHistogramDefaultAggregation(config, a -> aggregation[0] = a);
        return new OtlpHttpMetricExporter(sender, temporality[0], aggregation[0]);
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
        if (shutdown) return CompletableResultCode.ofFailure();
        if (metrics.isEmpty()) return CompletableResultCode.ofSuccess();
        ExportOutcome outcome = sender.send(MetricsRequestMarshaler.create(metrics));
        if (outcome.success()) return CompletableResultCode.ofSuccess();
        LOG.log(Level.WARNING, "metrics export failed, these data points are not sent (the next interval sends again): "
                + outcome.error());
        return CompletableResultCode.ofFailure();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return temporality.getAggregationTemporality(instrumentType);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return aggregation.getDefaultAggregation(instrumentType);
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess(); // nothing buffered: each export is one synchronous request
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdown = true;
        return CompletableResultCode.ofSuccess();
    }
}
