package io.emp.telemetry.collector.security;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything the collector prints: the credentials of URLs
 * ({@code redis://user:password@host}), OTLP header values ({@code headers=…}, {@code Bearer …}) and
 * the literal secrets of this process's configuration (Redis password, OTLP header values), which
 * are registered at start-up. Applied to every log record, stack traces included
 * ({@link RedactingFormatter}), and to configuration errors built from library messages.
 */
public final class SecretMask {
    public static final String REDACTED = "[REDACTED]";
    /** Shorter literals are not masked: they would blank out ordinary words. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"']*@");
    private static final Pattern HEADERS_VALUE = Pattern.compile("(?i)(headers?\\s*[=:]\\s*)[^\\r\\n]*");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Set<String> LITERALS = ConcurrentHashMap.newKeySet();

    private SecretMask() {
    }

    /** Registers a literal secret (a password, a header value) to be masked wherever it appears. */
    public static void register(String secret) {
        if (secret != null && secret.trim().length() >= MIN_SECRET_LENGTH) LITERALS.add(secret.trim());
    }

    /**
     * Registers the secrets of a configuration: the password of each URL, and every value of an
     * {@code otel.*headers} setting ({@code key=value,key=value}, or anything when malformed).
     */
    public static void registerConfiguration(Iterable<String> urls, Map<String, String> otel) {
        for (String url : urls) {
            int scheme = url.indexOf("://");
            int at = url.lastIndexOf('@');
            if (scheme >= 0 && at > scheme) {
                String userInfo = url.substring(scheme + 3, at);
                int colon = userInfo.indexOf(':');
                register(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
            }
        }
        otel.forEach((k, v) -> {
            if (!k.endsWith("headers") || v == null) return;
            register(v);
            for (String pair : v.split(",")) {
                int eq = pair.indexOf('=');
                register(eq >= 0 ? pair.substring(eq + 1) : pair);
            }
        });
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = URL_USERINFO.matcher(text).replaceAll("$1" + REDACTED + "@");
        out = HEADERS_VALUE.matcher(out).replaceAll("$1" + REDACTED);
        out = BEARER.matcher(out).replaceAll("$1 " + REDACTED);
        for (String secret : LITERALS) {
            if (out.contains(secret)) out = out.replace(secret, REDACTED);
        }
        return out;
    }
}
