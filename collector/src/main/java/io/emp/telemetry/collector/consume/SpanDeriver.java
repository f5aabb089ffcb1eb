package io.emp.telemetry.collector.consume;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.List;

/** Derives spans from a batch of events (once per batch). */
public interface SpanDeriver {
    SpanDeriver NONE = events -> List.of();

    List<SpanData> spans(List<ConsumedEvent> events);
}
