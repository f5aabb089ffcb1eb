package io.emp.telemetry.collector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks the alert webhook URL at start-up: only absolute {@code http://} / {@code https://} URLs
 * with a host are accepted, so a {@code file:} or malformed URL is a configuration error and not a
 * failure at the first alert. Problems never quote the URL (it may carry a token).
 */
final class WebhookUrls {
    private WebhookUrls() {
    }

    /** The URL itself (empty = off), or the exception made by {@code invalid} from the problem. */
    static String check(String url, Function<String, ConfigException> invalid) {
        if (url.isEmpty()) return url;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid.apply("not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid.apply("scheme '" + scheme + "' is not allowed (http:// or https:// only)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw invalid.apply("URL has no host");
        return url;
    }
}
