package io.emp.telemetry.collector.span;

import io.emp.telemetry.collector.decode.ConsumedEvent;
import io.emp.telemetry.collector.export.otlp.EventResources;
import io.emp.telemetry.collector.health.CollectorStats;
import io.emp.telemetry.collector.support.TestEvents;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanDerivationTest {
    private final CollectorStats stats = new CollectorStats();
    private final SpanDerivation spans = new SpanDerivation(new EventResources(Resource.empty()), 2, Duration.ofHours(1), stats);

    @Test
    void pairsAFailedJobArrivingBeforeItsCreation() {
        TestEvents.Job job = new TestEvents.Job();
        TelemetryEvent created = job.events.get(1);
        TelemetryEvent failed = TelemetryEvent.builder("job.failed").timestamp(job.start + 900).service("worker")
                .traceId(job.traceId).spanId(TestEvents.hex(16)).jobId(job.jobId)
                .errorType("java.lang.RuntimeException").errorMessage("nope").build();
        assertTrue(spans.spans(List.of(wrap(failed))).isEmpty(), "waits for job.created");
        List<SpanData> out = spans.spans(List.of(wrap(created)));
        assertEquals(1, out.size());
        SpanData s = out.get(0);
        assertEquals(job.rootSpanId, s.getSpanId());
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals((job.start + 10) * 1_000_000L, s.getStartEpochNanos());
        assertEquals(job.requestSpanId, s.getLinks().get(0).getSpanContext().getSpanId());
    }

    @Test
    void theOpenJobTableIsBoundedAndCountsWhatItForgets() {
        for (int i = 0; i < 5; i++) {
            spans.spans(List.of(wrap(TestEvents.event("job.created", "api").jobId("j" + i).build())));
        }
        assertEquals(3, stats.unpairedJobSpans());
    }

    private static ConsumedEvent wrap(TelemetryEvent e) {
        return new ConsumedEvent("emp:events", "1-0", false, e);
    }
}
