package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a connect exception into a stable reason (for "log once") and a message a person can act on. */
final class ConnectFailure {
    final String reason;
    final boolean authentication;
    final boolean tls;
    /** Nothing listens at the address (connection refused): Redis is down or restarting. */
    final boolean refused;

    private ConnectFailure(String reason, boolean authentication, boolean tls, boolean refused) {
        this.reason = reason;
        this.authentication = authentication;
        this.tls = tls;
        this.refused = refused;
    }

    static ConnectFailure of(Throwable t) {
        // Jedis wraps the per-address failures of a connect as suppressed exceptions, TLS and AUTH failures as causes.
        List<Throwable> all = new ArrayList<>();
        collect(t, all, 0);
        boolean auth = false;
        boolean tls = false;
        boolean refused = false;
        Throwable leaf = t;
        for (Throwable c : all) {
            String m = String.valueOf(c.getMessage()).toUpperCase(Locale.ROOT);
            if (c instanceof JedisDataException && (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH") || m.contains("AUTH"))) {
                auth = true;
            }
            if (c instanceof javax.net.ssl.SSLException || c instanceof java.security.GeneralSecurityException
                    || c instanceof java.security.cert.CertificateException) {
                tls = true;
            }
            if (c instanceof java.net.ConnectException) refused = true;
            if (leaf == t && c != t && c.getCause() == null && c.getSuppressed().length == 0) leaf = c;
        }
        String top = message(t);
        String inner = message(leaf);
        String msg = leaf == t || top.contains(inner) ? top : top + " (" + inner + ")";
        if (leaf != t && (tls || auth)) msg = inner;
        return new ConnectFailure(msg, auth, tls, refused && !tls && !auth);
    }

    private static void collect(Throwable t, List<Throwable> out, int depth) {
        if (t == null || depth > 16 || out.contains(t)) return;
        out.add(t);
        for (Throwable s : t.getSuppressed()) collect(s, out, depth + 1);
        collect(t.getCause(), out, depth + 1);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    String describe(EmitterConfig config) {
        String what;
        if (authentication) {
            what = "Redis refused authentication at " + config.redisUrlForLog() + ": " + reason
                    + " (check the user and password in the Redis URL)";
        } else if (tls) {
            what = "TLS handshake with Redis failed at " + config.redisUrlForLog() + ": " + reason
                    + " (check rediss://, redis.tls.ca and that the host name is in the server certificate)";
        } else {
            what = "cannot connect to Redis at " + config.redisUrlForLog() + ": " + reason;
        }
        return what + "; the application is not affected: telemetry is queued (up to " + config.queueCapacity()
                + " events, newer ones are dropped and counted) and sent once Redis is reachable; retrying in the background";
    }
}
