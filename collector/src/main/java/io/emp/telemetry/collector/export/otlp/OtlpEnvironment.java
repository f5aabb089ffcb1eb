package io.emp.telemetry.collector.export.otlp;

import io.emp.telemetry.collector.config.ConfigException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code OTEL_*} settings the collector's OTLP export reads before the SDK does, so that a bad value is
 * one line naming the variable (exit code 2) rather than a stack trace — and a malformed header never shows its
 * value, which usually carries a token. The keys are the SDK's ({@code otel.exporter.otlp.headers}); messages name
 * the environment variable.
 */
public final class OtlpEnvironment {
    static final Set<String> PROTOCOLS = Set.of("grpc", "http/protobuf");
    static final Set<String> COMPRESSIONS = Set.of("gzip", "none");
    private static final List<String> PREFIXES = List.of("otel.exporter.otlp.", "otel.exporter.otlp.logs.",
            "otel.exporter.otlp.traces.", "otel.exporter.otlp.metrics.");

    private OtlpEnvironment() {
    }

    /** {@code OTEL_SDK_DISABLED=true}. */
    public static boolean sdkDisabled(Map<String, String> otel) {
        return "true".equalsIgnoreCase(otel.getOrDefault("otel.sdk.disabled", "false").trim());
    }

    /** Throws {@link ConfigException} with one line naming the variable for the first bad value. */
    public static void validate(Map<String, String> otel) {
        for (String prefix : PREFIXES) {
            String protocol = otel.get(prefix + "protocol");
            if (protocol != null && !PROTOCOLS.contains(protocol.trim())) {
                throw new ConfigException(variable(prefix + "protocol") + ": " + (protocol.trim().equals("http/json")
                        ? "http/json is not supported by the collector; use http/protobuf (the default) or grpc"
                        : "unknown protocol '" + protocol.trim() + "' (use http/protobuf or grpc)"));
            }
            String compression = otel.get(prefix + "compression");
            if (compression != null && !COMPRESSIONS.contains(compression.trim().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(variable(prefix + "compression") + ": unknown compression '" + compression.trim()
                        + "' (use gzip or none)");
            }
            String headers = otel.get(prefix + "headers");
            if (headers != null) checkHeaders(variable(prefix + "headers"), headers);
        }
    }

    /** W3C baggage-like {@code key=value,key2=value2}, values URL-encoded; the message never quotes a value. */
    static void checkHeaders(String variable, String headers) {
        String[] parts = headers.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String problem = null;
            if (eq < 0) problem = "is not key=value";
            else if (part.substring(0, eq).trim().isEmpty()) problem = "has an empty header name";
            else if (!part.substring(0, eq).trim().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) problem = "has an invalid header name";
            else {
                try {
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    problem = "has a value that is not valid URL encoding";
                }
            }
            if (problem != null) {
                throw new ConfigException(variable + ": malformed (entry " + (i + 1) + " of " + parts.length + " " + problem
                        + "; expected name=value pairs separated by commas; the value is not shown)");
            }
        }
    }

    /** {@code otel.exporter.otlp.headers} → {@code OTEL_EXPORTER_OTLP_HEADERS}. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }
}
