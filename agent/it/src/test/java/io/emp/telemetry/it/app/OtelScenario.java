package io.emp.telemetry.it.app;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;

import java.util.Map;

/** Runs an instrumented call inside an OpenTelemetry span (as the OpenTelemetry agent would make current). */
final class OtelScenario {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";

    private OtelScenario() {
    }

    static void run(String tag) {
        SpanContext context = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope ignored = Span.wrap(context).makeCurrent()) {
            new OrderService().placeOrder(new Job("job-" + tag + "-otel", "otel", Map.of("model", "otel"),
                    new Job.Owner("otel", "none")));
        }
    }
}
