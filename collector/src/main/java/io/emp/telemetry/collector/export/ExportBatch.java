package io.emp.telemetry.collector.export;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.List;

/**
 * Events of one batch and the spans derived from them. Spans are derived once per batch (pairing
 * job events is stateful), so a retried export sends the same spans again.
 */
public record ExportBatch(List<ConsumedEvent> events, List<SpanData> spans) {
}
