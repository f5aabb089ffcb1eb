package io.emp.telemetry.collector.metrics;

import io.emp.telemetry.collector.consume.ExportedListener;
import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.otlp.EventResources;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counters and duration histograms per event type, recorded once an event was exported and pushed by the SDK's
 * periodic reader. Each service's points are exported under that service's own resource (one meter provider per
 * resource, at most {@link #MAX_RESOURCES}, the least recently used closed — and flushed — first), so
 * {@code service.name} is on the resource, not on every point. Durations are in seconds, as the semantic
 * conventions want: {@code emp.event.duration} for every exit event, plus {@code http.server.request.duration},
 * {@code http.client.request.duration} and {@code db.client.operation.duration} for the events those describe.
 * Metrics are aggregates: they are not part of the acknowledgement, and an event redelivered after a crash is
 * counted again.
 */
public final class EventMetrics implements ExportedListener, AutoCloseable {
    static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey(Attributes.ERROR_TYPE);
    static final int MAX_RESOURCES = 256;
    /** The semantic conventions' advice for duration histograms in seconds. */
    static final List<Double> SECONDS_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5,
            5.0, 7.5, 10.0);

    private final MetricExporter exporter;
    private final EventResources resources;
    private final Duration interval;
    private final Map<Resource, Instruments> perResource = new LinkedHashMap<>(16, 0.75f, true);

    public EventMetrics(MetricExporter exporter, EventResources resources, Duration interval) {
        this.exporter = exporter;
        this.resources = resources;
        this.interval = interval;
    }

    @Override
    public void onExported(List<ConsumedEvent> batch) {
        for (ConsumedEvent c : batch) instruments(resources.forEvent(c)).record(c.event());
    }

    private synchronized Instruments instruments(Resource resource) {
        Instruments i = perResource.get(resource);
        if (i == null) {
            i = new Instruments(resource);
            perResource.put(resource, i);
            if (perResource.size() > MAX_RESOURCES) {
                Resource eldest = perResource.keySet().iterator().next();
                perResource.remove(eldest).close();
            }
        }
        return i;
    }

    /** Exports what was recorded so far (also done on close). */
    public void flush() {
        for (Instruments i : snapshot()) i.provider.forceFlush().join(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Instruments i : snapshot()) i.close();
        exporter.shutdown().join(10, TimeUnit.SECONDS);
    }

    private synchronized List<Instruments> snapshot() {
        return new ArrayList<>(perResource.values());
    }

    /** One service's meter provider and instruments. */
    private final class Instruments {
        final SdkMeterProvider provider;
        final LongCounter events;
        final DoubleHistogram durations;
        final DoubleHistogram httpServer;
        final DoubleHistogram httpClient;
        final DoubleHistogram dbClient;

        Instruments(Resource resource) {
            provider = SdkMeterProvider.builder().setResource(resource)
                    .registerMetricReader(PeriodicMetricReader.builder(new SharedExporter(exporter)).setInterval(interval).build())
                    .build();
            Meter meter = provider.get("io.emp.telemetry.collector");
            events = meter.counterBuilder("emp.events").setUnit("{event}")
                    .setDescription("Events exported, per event type").build();
            durations = seconds(meter, "emp.event.duration", "Duration of the calls exit events close (durationMs), per event type");
            httpServer = seconds(meter, "http.server.request.duration", "Duration of HTTP server requests");
            httpClient = seconds(meter, "http.client.request.duration", "Duration of HTTP client requests");
            dbClient = seconds(meter, "db.client.operation.duration", "Duration of database client operations (Redis functions)");
        }

        private DoubleHistogram seconds(Meter meter, String name, String description) {
            return meter.histogramBuilder(name).setUnit("s").setDescription(description)
                    .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
        }

        void record(TelemetryEvent e) {
            AttributesBuilder a = io.opentelemetry.api.common.Attributes.builder().put(EVENT_NAME, e.eventType());
            if (e.isError()) a.put(ERROR_TYPE, e.errorType());
            var attrs = a.build();
            events.add(1, attrs);
            Object d = e.data().get(Attributes.DURATION_MS);
            if (!(d instanceof Number n) || n.doubleValue() < 0) return;
            double seconds = n.doubleValue() / 1000.0;
            durations.record(seconds, attrs);
            DoubleHistogram semconv = semanticHistogram(e);
            if (semconv != null) semconv.record(seconds, SemanticMetricAttributes.of(e));
        }

        private DoubleHistogram semanticHistogram(TelemetryEvent e) {
            String type = e.eventType();
            if (type.startsWith("redis_function") || type.startsWith("redis_script")) return dbClient;
            if (!e.data().containsKey(Attributes.HTTP_REQUEST_METHOD)) return null;
            if (type.startsWith("http.client") || type.startsWith("http_client")) return httpClient;
            return type.startsWith("http") || type.startsWith("api.request") ? httpServer : null;
        }

        void close() {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
