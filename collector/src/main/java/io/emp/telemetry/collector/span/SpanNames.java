package io.emp.telemetry.collector.span;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.trace.SpanKind;

import java.util.Map;

/** Span name and kind for an exit event: {@code connector.processing_completed} → {@code connector.processing}. */
final class SpanNames {
    private static final String[] END_SUFFIXES = {"_completed", "_failed", ".completed", ".failed", ".error", "_error"};

    private SpanNames() {
    }

    static String name(TelemetryEvent e) {
        Map<String, Object> d = e.data();
        Object method = d.get(Attributes.HTTP_REQUEST_METHOD);
        Object route = d.containsKey(Attributes.HTTP_ROUTE) ? d.get(Attributes.HTTP_ROUTE) : d.get(Attributes.URL_PATH);
        // HTTP spans follow the semantic convention "{method} {route}".
        if (method != null && route != null && kind(e) == SpanKind.SERVER) return method + " " + route;
        if (method != null && kind(e) == SpanKind.CLIENT) return method.toString();
        String type = e.eventType();
        for (String suffix : END_SUFFIXES) {
            if (type.endsWith(suffix) && type.length() > suffix.length()) return type.substring(0, type.length() - suffix.length());
        }
        return type;
    }

    static SpanKind kind(TelemetryEvent e) {
        String type = e.eventType();
        if (type.startsWith("http.client") || type.startsWith("http_client")) return SpanKind.CLIENT;
        if (type.startsWith("http") || type.startsWith("api.request")) return SpanKind.SERVER;
        if (type.startsWith("redis_function") || type.startsWith("redis_script")) return SpanKind.CLIENT;
        return SpanKind.INTERNAL;
    }
}
