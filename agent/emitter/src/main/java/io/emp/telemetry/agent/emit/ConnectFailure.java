package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.lettuce.core.RedisCommandExecutionException;

import java.util.Locale;

/** Turns a connect exception into a stable reason (for "log once") and a message a person can act on. */
final class ConnectFailure {
    final String reason;
    final boolean authentication;
    final boolean tls;

    private ConnectFailure(String reason, boolean authentication, boolean tls) {
        this.reason = reason;
        this.authentication = authentication;
        this.tls = tls;
    }

    static ConnectFailure of(Throwable t) {
        Throwable root = t;
        boolean auth = false;
        boolean tls = false;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            root = c;
            String m = String.valueOf(c.getMessage()).toUpperCase(Locale.ROOT);
            if (c instanceof RedisCommandExecutionException
                    && (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH") || m.contains("AUTH"))) {
                auth = true;
            }
            if (c instanceof javax.net.ssl.SSLException || c instanceof java.security.cert.CertificateException) tls = true;
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new ConnectFailure(msg, auth, tls);
    }

    String describe(EmitterConfig config) {
        String what;
        if (authentication) {
            what = "Redis refused authentication at " + config.redisUrlForLog() + ": " + reason
                    + " (check the user and password in the Redis URL)";
        } else if (tls) {
            what = "TLS handshake with Redis failed at " + config.redisUrlForLog() + ": " + reason
                    + " (check rediss:// and redis.tls.ca)";
        } else {
            what = "cannot connect to Redis at " + config.redisUrlForLog() + ": " + reason;
        }
        return what + "; the application is not affected: telemetry is queued (up to " + config.queueCapacity()
                + " events, newer ones are dropped and counted) and sent once Redis is reachable; retrying in the background";
    }
}
