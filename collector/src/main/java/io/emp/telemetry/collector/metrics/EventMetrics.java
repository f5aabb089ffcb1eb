package io.emp.telemetry.collector.metrics;

import io.emp.telemetry.collector.consume.ExportedListener;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Counters and duration histograms per event type, recorded once an event was exported and pushed
 * by the SDK's periodic reader. Metrics are aggregates: they are not part of the acknowledgement,
 * and an event redelivered after a crash is counted again.
 */
public final class EventMetrics implements ExportedListener, AutoCloseable {
    static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
    static final AttributeKey<Boolean> ERROR = AttributeKey.booleanKey("error");

    private final SdkMeterProvider provider;
    private final LongCounter events;
    private final DoubleHistogram durations;

    public EventMetrics(MetricExporter exporter, Resource resource, Duration interval) {
        this.provider = SdkMeterProvider.builder()
                .setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(interval).build())
                .build();
        Meter meter = provider.get("io.emp.telemetry.collector");
        this.events = meter.counterBuilder("emp.events").setUnit("{event}")
                .setDescription("Events exported, per event type and service").build();
        this.durations = meter.histogramBuilder("emp.event.duration").setUnit("ms")
                .setDescription("durationMs of exit events, per event type and service").build();
    }

    @Override
    public void onExported(List<ConsumedEvent> batch) {
        for (ConsumedEvent c : batch) {
            TelemetryEvent e = c.event();
            var attrs = io.opentelemetry.api.common.Attributes.of(EVENT_NAME, e.eventType(),
                    SERVICE, e.service() == null ? "" : e.service(), ERROR, e.isError());
            events.add(1, attrs);
            Object d = e.data().get(Attributes.DURATION_MS);
            if (d instanceof Number n && n.doubleValue() >= 0) durations.record(n.doubleValue(), attrs);
        }
    }

    /** Exports what was recorded so far (also done on close). */
    public void flush() {
        provider.forceFlush().join(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
