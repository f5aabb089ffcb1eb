package io.emp.telemetry.collector.export.otlp;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13, secrets: a malformed OTEL_EXPORTER_OTLP_HEADERS used to print the bearer token in the stack trace. */
class OtlpHeadersSecretTest {
    @Test
    void aMalformedHeadersValueIsReportedWithoutTheToken() {
        var config = DefaultConfigProperties.createFromMap(
                Map.of("otel.exporter.otlp.headers", "Authorization: Bearer s3cr3t-token"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OtlpHttpSettings.read(OtlpSignal.LOGS, config));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains("s3cr3t-token"), trace.toString());
        assertTrue(e.getMessage().contains("OTEL_EXPORTER_OTLP_HEADERS"), e.getMessage());
    }

    @Test
    void wellFormedHeadersStillReachTheSender() {
        var config = DefaultConfigProperties.createFromMap(
                Map.of("otel.exporter.otlp.headers", "Authorization=Bearer%20t0ken"));
        assertEquals("Bearer t0ken", OtlpHttpSettings.read(OtlpSignal.LOGS, config).headers().get("Authorization"));
    }
}
