package io.emp.telemetry.collector.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/** One alert; {@link #fields()} is both the {@code emp:alerts} entry and the webhook JSON. */
public record Alert(String type, String service, String errorType, long count, long windowMs, String message,
                    String traceId, long at) {
    public static final String ERROR_BURST = "error_burst";
    public static final String SERVICE_ERROR_BURST = "service_error_burst";
    public static final String NEW_ERROR_TYPE = "new_error_type";

    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("at", Long.toString(at));
        if (service != null) m.put("service", service);
        if (errorType != null) m.put("errorType", errorType);
        if (count > 0) m.put("count", Long.toString(count));
        if (windowMs > 0) m.put("windowMs", Long.toString(windowMs));
        if (traceId != null) m.put("traceId", traceId);
        m.put("message", message);
        return m;
    }
}
