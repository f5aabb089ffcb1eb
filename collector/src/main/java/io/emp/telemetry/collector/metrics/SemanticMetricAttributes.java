package io.emp.telemetry.collector.metrics;

import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;
import io.opentelemetry.api.common.AttributesBuilder;

import java.util.List;

/**
 * The attributes the semantic conventions allow on the HTTP and database duration metrics (low-cardinality ones
 * only: never url.path or url.full).
 */
final class SemanticMetricAttributes {
    private static final List<String> STRING_KEYS = List.of(Attributes.HTTP_REQUEST_METHOD, Attributes.HTTP_ROUTE,
            Attributes.DB_SYSTEM_NAME, Attributes.DB_OPERATION_NAME, Attributes.DB_STORED_PROCEDURE_NAME,
            Attributes.SERVER_ADDRESS);

    private SemanticMetricAttributes() {
    }

    @SuppressWarnings("deprecation")
    static io.opentelemetry.api.common.Attributes of(TelemetryEvent e) {
        AttributesBuilder b = io.opentelemetry.api.common.Attributes.builder();
        for (String key : STRING_KEYS) {
            Object v = e.data().get(key);
            if (v != null) b.put(key, v.toString());
        }
        Object legacyDb = e.data().get(Attributes.DB_SYSTEM);
        if (legacyDb != null && !e.data().containsKey(Attributes.DB_SYSTEM_NAME)) b.put(Attributes.DB_SYSTEM_NAME, legacyDb.toString());
        Object status = e.data().get(Attributes.HTTP_RESPONSE_STATUS_CODE);
        if (status instanceof Number n) b.put(Attributes.HTTP_RESPONSE_STATUS_CODE, n.longValue());
        Object port = e.data().get(Attributes.SERVER_PORT);
        if (port instanceof Number n) b.put(Attributes.SERVER_PORT, n.longValue());
        if (e.isError()) b.put(Attributes.ERROR_TYPE, e.errorType());
        else if (e.data().get(Attributes.ERROR_TYPE) != null) b.put(Attributes.ERROR_TYPE, e.data().get(Attributes.ERROR_TYPE).toString());
        return b.build();
    }
}
