package io.emp.telemetry.agent.context;

import java.util.Locale;

/**
 * The W3C Trace Context {@code traceparent} header: {@code 00-<trace-id>-<parent-id>-<flags>}.
 * Parsing follows the spec's forward-compatibility rules: an unknown higher version is accepted
 * when its first four fields are well-formed; version {@code ff} and all-zero ids are invalid.
 */
public final class TraceParent {
    public static final String HEADER = "traceparent";
    private static final int SAMPLED = 0x01;

    private TraceParent() {
    }

    /** The context carried by a header value, or {@code null} when it is missing or invalid. */
    public static SpanContext parse(String header) {
        if (header == null) return null;
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.length() < 55) return null;
        if (h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') return null;
        String version = h.substring(0, 2);
        if (!isHex(version) || version.equals("ff")) return null;
        if (version.equals("00") && h.length() != 55) return null;
        if (h.length() > 55 && h.charAt(55) != '-') return null;
        String flags = h.substring(53, 55);
        if (!isHex(flags)) return null;
        boolean sampled = (Integer.parseInt(flags, 16) & SAMPLED) != 0;
        return SpanContext.ofValid(h.substring(3, 35), h.substring(36, 52), sampled);
    }

    /** {@code 00-<trace>-<span>-01|00}. */
    public static String format(SpanContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + (context.sampled() ? "-01" : "-00");
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}
