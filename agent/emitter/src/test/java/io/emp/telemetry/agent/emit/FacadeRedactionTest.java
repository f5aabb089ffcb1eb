package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.Redaction;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13, secrets through the facade: nested maps, URLs and exception text use the shared list. */
class FacadeRedactionTest {
    private final List<TelemetryEvent> events = new ArrayList<>();
    private final List<Map<String, ?>> published = new ArrayList<>();
    private final FacadeEvents facade = new FacadeEvents(new EventSink() {
        @Override
        public void emit(TelemetryEvent event) {
            events.add(event);
        }

        @Override
        public void publish(String channel, Map<String, ?> data) {
            published.add(data);
        }
    }, "svc", null);

    @Test
    void nestedMapsInFacadeDataAreMasked() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("user", "ada");
        request.put("password", "hunter2");
        request.put("headers", Map.of("Authorization", "Bearer abc"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request", request);
        data.put("passwd", "p");
        data.put("dbCredential", "c");
        data.put("target", "redis://:hunter2@cache:6379");
        TelemetryEvent e = facade.toEvent(FacadeEvents.JOB, "j-1", "job.submitted", data, null);
        String all = e.data().toString();
        assertFalse(all.contains("hunter2"), all);
        assertFalse(all.contains("abc"), all);
        assertEquals("{user=ada, password=[REDACTED], headers={Authorization=[REDACTED]}}", e.data().get("request"));
        assertEquals(Redaction.MASK, e.data().get("passwd"));
        assertEquals(Redaction.MASK, e.data().get("dbCredential"));
        assertEquals("redis://:[REDACTED]@cache:6379", e.data().get("target"));
    }

    @Test
    void exceptionTextGivenToTheFacadeIsMasked() {
        TelemetryEvent e = facade.toEvent(FacadeEvents.JOB, "j-1", "job.failed", Map.of(),
                new IllegalStateException("cannot reach https://svc:pw123@api.example.com with token=abc"));
        assertEquals("cannot reach https://svc:[REDACTED]@api.example.com with token=[REDACTED]", e.errorMessage());
        assertFalse(e.errorStack().contains("pw123"));
        assertTrue(e.errorStack().contains("token=[REDACTED]"));
    }

    @Test
    void statusValuesAreNormalizedWithTheSameList() {
        Object nested = AttributeValues.normalize("request", Map.of("apiKey", "k-1"));
        assertEquals("{apiKey=[REDACTED]}", nested);
    }
}
