package io.emp.telemetry.agent.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where the emitter connects, parsed from {@code redis.url}: {@code redis://[user:password@]host:port[/db]},
 * {@code rediss://} for TLS, a password alone as {@code redis://:password@host} or {@code redis://password@host}
 * (both forms Lettuce and redis-cli accept). Holds the password: never log it, log the URL through
 * {@code AgentLog.redactUrl}.
 */
public final class RedisEndpoint {
    public static final int DEFAULT_PORT = 6379;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final int database;
    private final boolean tls;

    private RedisEndpoint(String host, int port, String user, String password, int database, boolean tls) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
        this.tls = tls;
    }

    /** Parses {@code url}; throws {@link IllegalArgumentException} with a message that never repeats the password. */
    public static RedisEndpoint parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) throw new IllegalArgumentException("scheme must be redis or rediss");
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("no host");
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info);
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
            if (password != null && password.isEmpty()) password = null;
        }
        int db = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the path must be a database number");
            }
            if (db < 0) throw new IllegalArgumentException("the path must be a database number");
        }
        return new RedisEndpoint(host, port, user, password, db, scheme.equals("rediss"));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String host() { return host; }
    public int port() { return port; }
    /** ACL user, or {@code null} for the default user. */
    public String user() { return user; }
    /** {@code null} when no password is given. */
    public String password() { return password; }
    public int database() { return database; }
    public boolean tls() { return tls; }
}
