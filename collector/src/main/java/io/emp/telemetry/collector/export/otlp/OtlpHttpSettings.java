package io.emp.telemetry.collector.export.otlp;

import io.opentelemetry.exporter.otlp.internal.OtlpConfigUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

import java.net.URI;
import java.time.Duration;
import io.emp.telemetry.schema.Redaction;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how one signal is POSTed over OTLP/HTTP, read with the SDK's own parsing of the
 * {@code OTEL_EXPORTER_OTLP_*} settings (general and per-signal endpoint, headers, compression,
 * timeout), so the collector's sender is configured exactly like the SDK exporter it replaces.
 */
record OtlpHttpSettings(URI endpoint, Map<String, String> headers, boolean gzip, Duration timeout,
                        boolean customTls) {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final String DEFAULT_BASE = "http://localhost:4318/";

    static OtlpHttpSettings read(OtlpSignal signal, ConfigProperties config) {
        String[] endpoint = {DEFAULT_BASE + "v1/" + signal.dataType};
        Map<String, String> headers = new LinkedHashMap<>();
        String[] compression = {"none"};
        Duration[] timeout = {DEFAULT_TIMEOUT};
        boolean[] customTls = {false};
        try {
            OtlpConfigUtil.configureOtlpExporterBuilder(signal.dataType, config,
                    loader -> { },
                    url -> endpoint[0] = url,
                    headers::put,
                    c -> compression[0] = c,
                    t -> timeout[0] = t,
                    trustedCertificates -> customTls[0] = true,
                    (clientKey, clientCertificate) -> customTls[0] = true,
                    retryPolicy -> { }, // the collector retries with its own back-off, which honours Retry-After
                    memoryMode -> { });
        } catch (RuntimeException e) {
            throw withoutSecrets(signal, e);
        }
        boolean gzip = switch (compression[0]) {
            case "gzip" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_COMPRESSION: unsupported value \""
                    + compression[0] + "\" (use gzip or none)");
        };
        return new OtlpHttpSettings(URI.create(endpoint[0]), Map.copyOf(headers), gzip, timeout[0], customTls[0]);
    }

    /**
     * The SDK quotes a malformed header entry ("Invalid map property: Authorization Bearer …") in its message: the
     * headers carry credentials, so that message (and the exception carrying it as cause) never reaches a log or
     * a stack trace; other messages pass the shared redaction.
     */
    private static IllegalArgumentException withoutSecrets(OtlpSignal signal, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Invalid map property")) {
            message = "OTEL_EXPORTER_OTLP_HEADERS (or OTEL_EXPORTER_OTLP_" + signal.dataType.toUpperCase(Locale.ROOT)
                    + "_HEADERS) is malformed: expected comma-separated key=value pairs, e.g. "
                    + "Authorization=Bearer%20<token> (the value is not shown: it holds credentials)";
        } else {
            message = Redaction.shared().text(message);
        }
        return new IllegalArgumentException(message);
    }
}
