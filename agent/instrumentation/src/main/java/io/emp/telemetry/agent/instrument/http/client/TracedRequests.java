package io.emp.telemetry.agent.instrument.http.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** Copies of {@link HttpRequest}s: Java 11 has no {@code HttpRequest.newBuilder(request, filter)}. */
final class TracedRequests {
    private TracedRequests() {
    }

    /**
     * {@code original} plus one header, or {@code original} itself when it cannot be copied
     * faithfully (a header the builder refuses, for example one allowed by
     * {@code jdk.httpclient.allowRestrictedHeaders}): better untraced than changed.
     */
    static HttpRequest withHeader(HttpRequest original, String name, String value) {
        try {
            HttpRequest.Builder copy = HttpRequest.newBuilder(original.uri())
                    .method(original.method(), original.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()))
                    .expectContinue(original.expectContinue());
            original.timeout().ifPresent(copy::timeout);
            original.version().ifPresent(copy::version);
            for (Map.Entry<String, List<String>> header : original.headers().map().entrySet()) {
                for (String v : header.getValue()) copy.header(header.getKey(), v);
            }
            return copy.header(name, value).build();
        } catch (RuntimeException refused) {
            return original;
        }
    }

    /** {@code scheme://host:port/path}: no user info, no query, no fragment (they may hold secrets). */
    static String urlWithoutQuery(URI uri) {
        if (uri == null) return null;
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) out.append(uri.getScheme()).append("://");
        if (uri.getHost() != null) out.append(uri.getHost());
        if (uri.getPort() >= 0) out.append(':').append(uri.getPort());
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        return out.toString();
    }
}
