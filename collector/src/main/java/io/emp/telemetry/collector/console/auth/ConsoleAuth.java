package io.emp.telemetry.collector.console.auth;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.emp.telemetry.collector.config.ConsoleConfig;
import io.emp.telemetry.collector.console.web.Http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Authentication in front of every page and API call. {@code basic}: HTTP Basic with the configured
 * user and password (the browser asks once and resends it, also for the live feed). {@code token}:
 * {@code Authorization: Bearer <token>}, or the cookie a browser gets by opening any page once with
 * {@code ?token=<token>} (EventSource cannot send headers). Secrets are compared in constant time and
 * never logged. A request that changes something must also carry {@code X-EMP-Console: 1}, which a
 * cross-site form cannot send, so a logged-in browser cannot be tricked into an action.
 */
public final class ConsoleAuth extends Filter {
    public static final String COOKIE = "emp_console_token";
    public static final String ACTION_HEADER = "X-EMP-Console";
    /** Exchange attribute: who is asking (the basic-auth user, {@code token}, or {@code anonymous}). */
    public static final String USER_ATTRIBUTE = "emp.console.user";

    private final ConsoleConfig config;

    public ConsoleAuth(ConsoleConfig config) {
        this.config = config;
    }

    /** Whether the console asks for credentials at all (actions are offered only then). */
    public boolean required() {
        return config.auth() != ConsoleConfig.Auth.NONE;
    }

    @Override
    public void doFilter(HttpExchange ex, Chain chain) throws IOException {
        Http.securityHeaders(ex);
        if (!required() || authenticated(ex)) {
            ex.setAttribute(USER_ATTRIBUTE, config.auth() == ConsoleConfig.Auth.BASIC ? config.user()
                    : config.auth() == ConsoleConfig.Auth.TOKEN ? "token" : "anonymous");
            chain.doFilter(ex);
            return;
        }
        if (config.auth() == ConsoleConfig.Auth.TOKEN && tokenInQuery(ex)) return;
        if (config.auth() == ConsoleConfig.Auth.BASIC) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"emp-console\", charset=\"UTF-8\"");
        } else {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"emp-console\"");
        }
        Http.error(ex, 401, "authentication required (" + config.auth().name().toLowerCase() + ")");
    }

    private boolean authenticated(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (config.auth() == ConsoleConfig.Auth.BASIC) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) return false;
            // Both compared, always, so the time taken does not tell which one was wrong.
            boolean user = same(decoded.substring(0, colon), config.user());
            boolean password = same(decoded.substring(colon + 1), config.password());
            return user & password;
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return same(header.substring(7).trim(), config.token());
        }
        String cookie = cookie(ex.getRequestHeaders().get("Cookie"));
        return cookie != null && same(cookie, config.token());
    }

    /** {@code ?token=…} on a page: set the cookie and redirect to the same page without the token in the address. */
    private boolean tokenInQuery(HttpExchange ex) throws IOException {
        Map<String, String> q = Http.query(ex);
        String token = q.get("token");
        if (token == null || !same(token, config.token()) || !"GET".equals(ex.getRequestMethod())) return false;
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawPath());
        ex.sendResponseHeaders(303, -1);
        ex.close();
        return true;
    }

    private static String cookie(List<String> headers) {
        if (headers == null) return null;
        for (String h : headers) {
            for (String part : h.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=")) return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String description() {
        return "console authentication";
    }
}
