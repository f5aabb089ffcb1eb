package io.emp.telemetry.agent.instrument.http.client;

import io.emp.telemetry.agent.context.Span;
import io.emp.telemetry.agent.instrument.AgentRuntime;

/**
 * What the events of a request say about it when a client library holds its URL in parts
 * (Apache HttpClient's scheme, authority and path; {@code HttpURLConnection}'s {@code URL}):
 * method, {@code url.full} (the same form {@code TracedRequests.urlWithoutQuery} gives for a
 * {@code java.net.URI}), server address and port. Emitted through {@link ClientRequestEvents}.
 */
public final class RequestTarget {
    private final String method;
    private final String url;
    private final String host;
    private final Integer port;

    /**
     * @param port         -1 when the URL names none
     * @param pathAndQuery the path as sent, possibly with a query or fragment, which are never recorded
     */
    public RequestTarget(String method, String scheme, String host, int port, String pathAndQuery) {
        this.method = method;
        this.url = urlFull(scheme, host, port, pathAndQuery);
        this.host = host;
        this.port = port < 0 ? null : port;
    }

    /** The request's events: its response {@code status} (-1 when none) or the {@code error} that ended it. */
    public void emit(AgentRuntime runtime, Span span, int status, Throwable error) {
        ClientRequestEvents.emit(runtime, span, method, url, host, port, status, error);
    }

    /** {@code scheme://host:port/path}: no user info (the parts hold none), no query, no fragment; null without a host. */
    static String urlFull(String scheme, String host, int port, String pathAndQuery) {
        if (host == null) return null;
        StringBuilder out = new StringBuilder();
        if (scheme != null) out.append(scheme).append("://");
        out.append(host);
        if (port >= 0) out.append(':').append(port);
        String path = withoutQuery(pathAndQuery);
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
