package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.JobTrace;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FacadeEventsTest {
    private final List<TelemetryEvent> events = new ArrayList<>();
    private final List<Object[]> published = new ArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public void emit(TelemetryEvent event) {
            events.add(event);
        }

        @Override
        public void publish(String channel, Map<String, ?> data) {
            published.add(new Object[]{channel, data});
        }
    };

    @Test
    void randomIdsAreW3cValid() {
        Set<String> traces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = Ids.newTraceId();
            String s = Ids.newSpanId();
            assertTrue(t.matches("[0-9a-f]{32}") && !t.matches("0+"), t);
            assertTrue(s.matches("[0-9a-f]{16}") && !s.matches("0+"), s);
            traces.add(t);
        }
        assertEquals(1000, traces.size());
    }

    @Test
    void attributesAreNormalizedAndSecretsMasked() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("count", 3);
        data.put("ok", false);
        data.put("name", "x");
        data.put("list", List.of(1, 2));
        data.put("Authorization", "Bearer abc");
        data.put("db_password", "pw");
        data.put("X-Api-Key", "k");
        data.put("api_key", "k");
        data.put("sessionCookie", "c");
        data.put("clientSecret", "s");
        data.put("refreshToken", "t");
        data.put("nothing", null);
        TelemetryEvent e = new FacadeEvents(sink, "svc", null).toEvent(FacadeEvents.EVENT, null, "a.b", data, null);
        assertEquals(3, e.data().get("count"));
        assertEquals(false, e.data().get("ok"));
        assertEquals("[1, 2]", e.data().get("list"));
        for (String k : List.of("Authorization", "db_password", "X-Api-Key", "api_key", "sessionCookie", "clientSecret", "refreshToken")) {
            assertEquals(AttributeValues.REDACTED, e.data().get(k), k);
        }
        assertTrue(!e.data().containsKey("nothing"));
        assertEquals("svc", e.service());
        assertNull(e.parentSpanId());
    }

    @Test
    void suppliedContextWinsAndJobsUseTheirTrace() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String span = "b7ad6b7169203331";
        FacadeEvents withContext = new FacadeEvents(sink, "svc", () -> TraceContext.of(trace, span, null));
        TelemetryEvent e = withContext.toEvent(FacadeEvents.JOB, "job-1", "job.step", null, null);
        assertEquals(trace, e.traceId());
        assertEquals(span, e.parentSpanId());
        assertEquals("job-1", e.jobId());

        FacadeEvents noContext = new FacadeEvents(sink, "svc", TraceContextSupplier.NONE);
        TelemetryEvent j = noContext.toEvent(FacadeEvents.JOB, "job-1", "job.step", null, null);
        assertEquals(JobTrace.traceId("job-1"), j.traceId());
        assertEquals(JobTrace.rootSpanId("job-1"), j.parentSpanId());

        FacadeEvents broken = new FacadeEvents(sink, "svc", () -> {
            throw new IllegalStateException("broken supplier");
        });
        assertTrue(broken.toEvent(FacadeEvents.WORKER, "w", "worker.x", null, null).traceId().matches("[0-9a-f]{32}"));
    }

    @Test
    void dispatchRoutesStatusAndErrorsAndNeverThrows() {
        FacadeEvents f = new FacadeEvents(sink, "svc", null);
        f.dispatch(FacadeEvents.STATUS, null, "job:1:status", Map.of("progress", 5), null);
        f.dispatch(FacadeEvents.MACHINE, "m-1", "machine.gpu_failed", null, new RuntimeException("hot"));
        f.dispatch(FacadeEvents.EVENT, null, null, null, null); // no type: ignored
        assertEquals(1, published.size());
        assertEquals("job:1:status", published.get(0)[0]);
        assertEquals(1, events.size());
        assertTrue(events.get(0).isError());
        assertEquals("m-1", events.get(0).machineId());
        assertEquals("hot", events.get(0).errorMessage());

        FacadeEvents failing = new FacadeEvents(new EventSink() {
            @Override
            public void emit(TelemetryEvent event) {
                throw new IllegalStateException("sink broken");
            }

            @Override
            public void publish(String channel, Map<String, ?> data) {
                throw new IllegalStateException("sink broken");
            }
        }, "svc", null);
        failing.dispatch(FacadeEvents.EVENT, null, "a.b", Map.of(), null);
        failing.dispatch(FacadeEvents.STATUS, null, "c", Map.of(), null);
    }
}
