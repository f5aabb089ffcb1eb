package io.emp.telemetry.collector.span;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Span kinds and names as a backend groups them: Redis functions and scripts are database client calls. */
class SpanNamesTest {
    @Test
    void redisFunctionsAndScriptsAreClientSpansNamedByTheirKind() {
        TelemetryEvent function = TelemetryEvent.builder("redis_function.completed").service("s").build();
        TelemetryEvent script = TelemetryEvent.builder("redis_script.failed").service("s")
                .attribute(Attributes.DB_OPERATION_NAME, "EVALSHA").build();
        assertEquals(SpanKind.CLIENT, SpanNames.kind(function));
        assertEquals(SpanKind.CLIENT, SpanNames.kind(script));
        assertEquals("redis_function", SpanNames.name(function));
        assertEquals("redis_script", SpanNames.name(script));
    }

    @Test
    void httpSpansFollowTheSemanticConventionNames() {
        TelemetryEvent server = TelemetryEvent.builder("http.server.request").service("s")
                .attribute(Attributes.HTTP_REQUEST_METHOD, "GET").attribute(Attributes.HTTP_ROUTE, "/jobs/{id}").build();
        TelemetryEvent client = TelemetryEvent.builder("http.client.request").service("s")
                .attribute(Attributes.HTTP_REQUEST_METHOD, "POST").build();
        assertEquals(SpanKind.SERVER, SpanNames.kind(server));
        assertEquals("GET /jobs/{id}", SpanNames.name(server));
        assertEquals(SpanKind.CLIENT, SpanNames.kind(client));
        assertEquals("POST", SpanNames.name(client));
    }
}
