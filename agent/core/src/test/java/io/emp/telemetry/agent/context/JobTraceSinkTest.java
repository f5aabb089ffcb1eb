package io.emp.telemetry.agent.context;

import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class JobTraceSinkTest {
    private static final String REQUEST_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String REQUEST_SPAN = "00f067aa0ba902b7";
    private static final String CALL_SPAN = "b7ad6b7169203331";

    private final List<TelemetryEvent> written = new ArrayList<>();
    private final EventSink sink = new JobTraceSink(new EventSink() {
        @Override
        public void emit(TelemetryEvent event) {
            written.add(event);
        }

        @Override
        public void publish(String channel, Map<String, ?> data) {
        }
    });

    private static TelemetryEvent.Builder inRequest(String type) {
        return TelemetryEvent.builder(type).timestamp(1L).service("api")
                .traceId(REQUEST_TRACE).spanId(CALL_SPAN).parentSpanId(REQUEST_SPAN);
    }

    @Test
    void jobEventMadeInsideARequestMovesToTheJobTraceAndLinksToTheRequestSpan() {
        sink.emit(inRequest("job.created").jobId("job-7").attribute("type", "echo").build());
        TelemetryEvent moved = written.get(0);
        assertEquals(JobTrace.traceId("job-7"), moved.traceId());
        assertEquals(JobTrace.rootSpanId("job-7"), moved.parentSpanId());
        assertEquals(CALL_SPAN, moved.spanId());
        assertEquals(REQUEST_TRACE, moved.data().get(Attributes.LINK_TRACE_ID));
        assertEquals(REQUEST_SPAN, moved.data().get(Attributes.LINK_SPAN_ID));
        assertEquals("echo", moved.data().get("type"));
    }

    @Test
    void eventsWithoutAJobOrAlreadyInTheJobTraceAreLeftAlone() {
        TelemetryEvent request = inRequest("http.server.request").build();
        sink.emit(request);
        TelemetryEvent inJob = TelemetryEvent.builder("job.claimed").timestamp(2L).jobId("job-7")
                .traceId(JobTrace.traceId("job-7")).spanId(CALL_SPAN).parentSpanId(JobTrace.rootSpanId("job-7")).build();
        sink.emit(inJob);
        assertSame(request, written.get(0));
        assertSame(inJob, written.get(1));
        assertFalse(written.get(1).data().containsKey(Attributes.LINK_TRACE_ID));
    }

    @Test
    void aRootSpanOfAnotherTraceIsLinkedItself() {
        sink.emit(TelemetryEvent.builder("job.claimed").timestamp(3L).jobId("job-8")
                .traceId(REQUEST_TRACE).spanId(CALL_SPAN).build());
        assertEquals(CALL_SPAN, written.get(0).data().get(Attributes.LINK_SPAN_ID));
        assertEquals(JobTrace.traceId("job-8"), written.get(0).traceId());
    }
}
