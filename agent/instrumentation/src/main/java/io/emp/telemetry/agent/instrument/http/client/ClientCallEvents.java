package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.TelemetryEvent;

import java.net.URI;

/**
 * The events of one finished outgoing HTTP call, the same for every client library: one
 * {@code http.client.request}, plus {@code http.client.request_failed} (errors stream) when no
 * response came. Attribute names are OpenTelemetry's HTTP client semantic conventions.
 */
public final class ClientCallEvents {
    public static final String REQUEST_EVENT = "http.client.request";
    public static final String FAILED_EVENT = "http.client.request_failed";

    private ClientCallEvents() {
    }

    /** What the events say about the request; {@code port} -1 when the URL names none. */
    public static final class Target {
        final String method;
        final String scheme;
        final String host;
        final int port;
        final String path;

        /** @param pathAndQuery the path as sent; a query or fragment is cut off (it may hold secrets) */
        public Target(String method, String scheme, String host, int port, String pathAndQuery) {
            this.method = method;
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            this.path = withoutQuery(pathAndQuery);
        }

        public static Target of(String method, URI uri) {
            return uri == null ? new Target(method, null, null, -1, null)
                    : new Target(method, uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath());
        }

        /** {@code scheme://host:port/path}: no user info, no query, no fragment. */
        String urlFull() {
            if (host == null) return null;
            StringBuilder out = new StringBuilder();
            if (scheme != null) out.append(scheme).append("://");
            out.append(host);
            if (port >= 0) out.append(':').append(port);
            if (path == null || path.isEmpty()) {
                out.append('/');
            } else {
                if (path.charAt(0) != '/') out.append('/');
                out.append(path);
            }
            return out.toString();
        }

        private static String withoutQuery(String pathAndQuery) {
            if (pathAndQuery == null) return null;
            int cut = pathAndQuery.length();
            int q = pathAndQuery.indexOf('?');
            if (q >= 0) cut = q;
            int f = pathAndQuery.indexOf('#');
            if (f >= 0 && f < cut) cut = f;
            return pathAndQuery.substring(0, cut);
        }
    }

    /**
     * Emits the call's events. {@code status} is the response's (-1 when there was none);
     * {@code error} the exception that ended the call without a response, else {@code null}.
     */
    public static void emit(AgentRuntime runtime, Span span, Target target, int status, Throwable error) {
        String errorType = error != null ? error.getClass().getName() : status >= 400 ? Integer.toString(status) : null;
        runtime.emit(span, describe(runtime.endEvent(REQUEST_EVENT, span), target)
                .attribute(Attributes.HTTP_RESPONSE_STATUS_CODE, status > 0 ? status : null)
                .attribute(Attributes.ERROR_TYPE, errorType));
        if (error != null) {
            runtime.emit(span, describe(runtime.endEvent(FAILED_EVENT, span), target)
                    .attribute(Attributes.ERROR_TYPE, errorType)
                    .error(error));
        }
    }

    private static TelemetryEvent.Builder describe(TelemetryEvent.Builder event, Target target) {
        return event.attribute(Attributes.HTTP_REQUEST_METHOD, target.method)
                .attribute(Attributes.URL_FULL, target.urlFull())
                .attribute(Attributes.SERVER_ADDRESS, target.host)
                .attribute(Attributes.SERVER_PORT, target.port < 0 ? null : target.port);
    }
}
