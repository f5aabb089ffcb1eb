package io.emp.telemetry.collector.inspect;

import io.emp.telemetry.collector.RedisConnections;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.time.Duration;

/**
 * One short-lived connection for a debugging command. Failures become {@link RedisFailure} with a
 * one-line message that names the server without its password.
 */
public final class RedisSession implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String url;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final java.util.List<StatefulRedisPubSubConnection<String, String>> pubSubs = new java.util.ArrayList<>();

    private RedisSession(String url, RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.url = url;
        this.client = client;
        this.connection = connection;
    }

    public static RedisSession open(String url) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new RedisFailure("not a Redis URL (expected redis://[user:password@]host:port or rediss://…)");
        }
        uri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        try {
            return new RedisSession(url, client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw failure(url, e);
        }
    }

    /** A Pub/Sub connection on the same server, closed with the session. */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        try {
            StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
            pubSubs.add(c);
            return c;
        } catch (RuntimeException e) {
            throw failure(url, e);
        }
    }

    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** {@code host:port} form of the URL, for messages. */
    public String where() {
        return RedisConnections.redacted(url);
    }

    /** A clean one-line description of a Lettuce failure, without the password. */
    public static RedisFailure failure(String url, RuntimeException e) {
        if (e instanceof RedisFailure f) return f;
        String where = RedisConnections.redacted(url);
        String reason = rootMessage(e);
        String message = e instanceof RedisConnectionException
                ? "cannot connect to Redis at " + where + ": " + reason
                : "Redis error at " + where + ": " + reason;
        return new RedisFailure(withoutPassword(message, url));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) message = t.getMessage();
        }
        if (message == null) message = t.getClass().getSimpleName();
        return message.replace("/<unresolved>", "").replaceAll("\\s+", " ").trim();
    }

    private static String withoutPassword(String message, String url) {
        try {
            char[] pw = RedisURI.create(url).getPassword();
            if (pw != null && pw.length > 0) return message.replace(new String(pw), "***");
        } catch (RuntimeException ignored) {
            // Unparseable URL: it was never connected to, so it cannot be in the message.
        }
        return message;
    }

    /** Whether {@code e} is something {@link #failure} describes (Lettuce's errors). */
    public static boolean isRedisError(RuntimeException e) {
        return e instanceof RedisException || e instanceof RedisFailure;
    }

    @Override
    public void close() {
        for (StatefulRedisPubSubConnection<String, String> c : pubSubs) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // Closing anyway.
            }
        }
        try {
            connection.close();
        } catch (RuntimeException ignored) {
            // Closing anyway.
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
