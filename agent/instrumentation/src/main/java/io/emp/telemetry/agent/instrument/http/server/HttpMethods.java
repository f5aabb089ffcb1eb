package io.emp.telemetry.agent.instrument.http.server;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code http.request.method} as the OpenTelemetry conventions want it: a known method as is,
 * anything else as {@code _OTHER}, so a client sending made-up methods cannot flood the backends
 * with distinct values.
 */
final class HttpMethods {
    static final String OTHER = "_OTHER";
    private static final Set<String> KNOWN = new HashSet<>(Arrays.asList(
            "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE", "QUERY"));

    private HttpMethods() {
    }

    static String normalize(String method) {
        return method != null && KNOWN.contains(method) ? method : OTHER;
    }
}
