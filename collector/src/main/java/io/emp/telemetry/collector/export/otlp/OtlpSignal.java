package io.emp.telemetry.collector.export.otlp;

import io.opentelemetry.exporter.otlp.internal.OtlpConfigUtil;

/** The OTLP signals, with the names the {@code OTEL_EXPORTER_OTLP_<SIGNAL>_*} settings use. */
enum OtlpSignal {
    LOGS(OtlpConfigUtil.DATA_TYPE_LOGS, "log records"),
    TRACES(OtlpConfigUtil.DATA_TYPE_TRACES, "spans"),
    METRICS(OtlpConfigUtil.DATA_TYPE_METRICS, "data points");

    /** "logs", "traces", "metrics": the config key part, the URL path part and the /metrics label. */
    final String dataType;
    /** What partial_success counts for this signal. */
    final String items;

    OtlpSignal(String dataType, String items) {
        this.dataType = dataType;
        this.items = items;
    }
}
